/*
 * include/linux/list.h: the order each operation leaves, checked by
 * walking the list both ways; deletion while iterating with
 * list_for_each_entry_safe() on heap nodes, so that ASan catches any
 * read of a freed node.
 */
#include <linux/list.h>

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <cmocka.h>

struct item {
	int value;
	struct list_head node;
};

/* Checks that @head holds exactly @want, in order, with sound back links. */
static void assert_list(struct list_head *head, const int *want, int n)
{
	struct list_head *pos;
	int i = 0;

	list_for_each(pos, head) {
		assert_true(i < n);
		assert_ptr_equal(pos->next->prev, pos);
		assert_int_equal(list_entry(pos, struct item, node)->value, want[i]);
		i++;
	}
	assert_int_equal(i, n);
	for (pos = head->prev; pos != head; pos = pos->prev)
		assert_int_equal(list_entry(pos, struct item, node)->value, want[--i]);
	assert_int_equal(i, 0);
}

static void test_empty_and_init(void **state)
{
	LIST_HEAD(head);
	struct list_head other;

	assert_true(list_empty(&head));
	assert_false(list_is_singular(&head));
	assert_null(list_first_entry_or_null(&head, struct item, node));
	INIT_LIST_HEAD(&other);
	assert_true(list_empty(&other));
	assert_list(&head, NULL, 0);
}

static void test_add_is_stack_order(void **state)
{
	LIST_HEAD(head);
	struct item a = { .value = 1 }, b = { .value = 2 }, c = { .value = 3 };

	list_add(&a.node, &head);
	assert_true(list_is_singular(&head));
	list_add(&b.node, &head);
	assert_false(list_is_singular(&head));
	list_add(&c.node, &head);
	assert_list(&head, (int[]){ 3, 2, 1 }, 3);
	assert_ptr_equal(list_first_entry(&head, struct item, node), &c);
	assert_ptr_equal(list_last_entry(&head, struct item, node), &a);
}

static void test_add_tail_is_queue_order(void **state)
{
	LIST_HEAD(head);
	struct item a = { .value = 1 }, b = { .value = 2 }, c = { .value = 3 };

	list_add_tail(&a.node, &head);
	list_add_tail(&b.node, &head);
	list_add_tail(&c.node, &head);
	assert_list(&head, (int[]){ 1, 2, 3 }, 3);
	assert_ptr_equal(list_first_entry_or_null(&head, struct item, node), &a);
	assert_ptr_equal(list_next_entry(&a, node), &b);
}

static void test_del_and_del_init(void **state)
{
	LIST_HEAD(head);
	struct item a = { .value = 1 }, b = { .value = 2 }, c = { .value = 3 };

	list_add_tail(&a.node, &head);
	list_add_tail(&b.node, &head);
	list_add_tail(&c.node, &head);
	list_del(&b.node);
	assert_list(&head, (int[]){ 1, 3 }, 2);
	/* A deleted node points nowhere, so a second use of it faults. */
	assert_null(b.node.next);
	assert_null(b.node.prev);
	list_del_init(&a.node);
	assert_list(&head, (int[]){ 3 }, 1);
	assert_true(list_empty(&a.node));	/* reusable as an empty head */
	assert_true(list_is_singular(&head));
	list_del(&c.node);
	assert_true(list_empty(&head));
}

static void test_move_tail(void **state)
{
	LIST_HEAD(head);
	LIST_HEAD(other);
	struct item a = { .value = 1 }, b = { .value = 2 }, c = { .value = 3 };

	list_add_tail(&a.node, &head);
	list_add_tail(&b.node, &head);
	list_add_tail(&c.node, &head);
	list_move_tail(&a.node, &head);		/* within one list: rotate */
	assert_list(&head, (int[]){ 2, 3, 1 }, 3);
	list_move_tail(&c.node, &other);	/* to another list */
	assert_list(&head, (int[]){ 2, 1 }, 2);
	assert_list(&other, (int[]){ 3 }, 1);
	list_move_tail(&b.node, &other);
	assert_list(&other, (int[]){ 3, 2 }, 2);
	assert_list(&head, (int[]){ 1 }, 1);
}

static void test_for_each_entry(void **state)
{
	LIST_HEAD(head);
	struct item items[5];
	struct item *pos;
	int seen = 0;

	list_for_each_entry(pos, &head, node)
		seen++;
	assert_int_equal(seen, 0);
	for (int i = 0; i < 5; i++) {
		items[i].value = i * 10;
		list_add_tail(&items[i].node, &head);
	}
	list_for_each_entry(pos, &head, node) {
		assert_ptr_equal(pos, &items[seen]);
		seen++;
	}
	assert_int_equal(seen, 5);
}

/* Frees odd values (every other node, then the last) while walking. */
static void test_for_each_entry_safe_with_deletion(void **state)
{
	LIST_HEAD(head);
	struct item *pos, *next;

	for (int i = 0; i < 8; i++) {
		struct item *it = malloc(sizeof(*it));

		it->value = i;
		list_add_tail(&it->node, &head);
	}
	list_for_each_entry_safe(pos, next, &head, node) {
		if (pos->value % 2 || pos->value == 6) {
			list_del(&pos->node);
			free(pos);
		}
	}
	assert_list(&head, (int[]){ 0, 2, 4 }, 3);
	list_for_each_entry_safe(pos, next, &head, node) {
		list_del(&pos->node);
		free(pos);
	}
	assert_true(list_empty(&head));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_empty_and_init),
		cmocka_unit_test(test_add_is_stack_order),
		cmocka_unit_test(test_add_tail_is_queue_order),
		cmocka_unit_test(test_del_and_del_init),
		cmocka_unit_test(test_move_tail),
		cmocka_unit_test(test_for_each_entry),
		cmocka_unit_test(test_for_each_entry_safe_with_deletion),
	};

	return cmocka_run_group_tests_name("include/linux/list.h", tests, NULL, NULL);
}
