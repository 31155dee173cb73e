// The second object of mt_multi.ko.
int multi_helper(int x);

int multi_helper(int x)
{
	return 2 * x + 2;
}
