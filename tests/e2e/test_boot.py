"""Boot tests: the one ISO reaches the shell in every firmware, machine
and media combination a user may boot it in."""
from qemu import Machine

# The line start_kernel() prints as its last step.
END_OF_START_KERNEL = r"start_kernel: done, calling rest_init\(\)"


def boot_and_check(**kw):
    with Machine(**kw) as m:
        m.wait_for(END_OF_START_KERNEL, timeout=90)
        m.wait_ready(timeout=30)
        out = m.run("echo hello from $USER")
        assert out.strip() == "hello from $USER", out


def test_seabios_cd_pc():
    boot_and_check(firmware="bios", machine="pc", media="cd")


def test_seabios_cd_q35():
    boot_and_check(firmware="bios", machine="q35", media="cd")


def test_ovmf_cd_q35():
    boot_and_check(firmware="uefi", machine="q35", media="cd")


def test_seabios_usb_stick():
    boot_and_check(firmware="bios", machine="q35", media="usb")


def test_ovmf_usb_stick():
    boot_and_check(firmware="uefi", machine="q35", media="usb")
