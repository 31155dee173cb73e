/*
 * lib/rbtree.c and include/linux/rbtree.h: after every insert and erase, a
 * checker walks the whole tree and verifies each red-black rule (root
 * black, no red node with a red child, one black height on all paths),
 * the order, the parent pointers, rb_next/rb_prev and the cached leftmost
 * node. Trees of 10,000+ nodes in ascending, descending and random order;
 * duplicates (equal keys go right, after the ones already there); and a
 * random differential run against a sorted array. The checker itself is
 * tested on trees corrupted on purpose, so that it cannot pass vacuously.
 */
#include <linux/rbtree.h>

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

struct item {
	int key;
	unsigned int seq;	/* insertion order, to see where ties went */
	struct rb_node node;
};

static unsigned int next_seq;

static struct item *item_of(const struct rb_node *n)
{
	return rb_entry(n, struct item, node);
}

static bool item_less(struct rb_node *a, const struct rb_node *b)
{
	return item_of(a)->key < item_of(b)->key;
}

static int item_cmp(const void *key, const struct rb_node *n)
{
	int k = *(const int *)key, nk = item_of(n)->key;

	return k < nk ? -1 : k > nk;
}

/* The order a tree must show: by key, then by insertion for equal keys. */
static bool before(const struct rb_node *a, const struct rb_node *b)
{
	const struct item *x = item_of(a), *y = item_of(b);

	return x->key < y->key || (x->key == y->key && x->seq < y->seq);
}

/* A deterministic generator, so that a failure replays (xorshift64). */
static uint64_t rng_state;

static void rng_seed(uint64_t seed)
{
	rng_state = seed;
}

static unsigned int rng(unsigned int bound)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return (unsigned int)(rng_state % bound);
}

static struct item *make_items(size_t n)
{
	struct item *items = calloc(n, sizeof(*items));

	assert_non_null(items);
	return items;
}

static void shuffle(int *a, size_t n)
{
	for (size_t i = n - 1; i > 0; i--) {
		size_t j = rng((unsigned int)i + 1);
		int t = a[i];

		a[i] = a[j];
		a[j] = t;
	}
}

/* --- the checker --- */

struct walk {
	const char *err;
	size_t count;
	int black_height;		/* of the first path seen; -1 before */
	const struct rb_node *prev;	/* last node visited in order */
};

/*
 * Each node is visited in order; rb_prev() of it and rb_next() of the one
 * before must agree with the walk. Over the whole walk those calls cost
 * O(n), like one iteration each way. Recursion is fine here: the depth
 * is at most 2 log2(n + 1).
 */
static void visit(struct walk *w, const struct rb_node *n)
{
	if (w->prev && !before(w->prev, n))
		w->err = "in-order walk is not sorted";
	else if (rb_prev(n) != w->prev)
		w->err = "rb_prev() disagrees with the in-order walk";
	else if (w->prev && rb_next(w->prev) != n)
		w->err = "rb_next() disagrees with the in-order walk";
	w->prev = n;
	w->count++;
}

static void check_subtree(struct walk *w, const struct rb_node *n,
			  const struct rb_node *parent, int blacks)
{
	if (w->err)
		return;
	if (!n) {
		if (w->black_height < 0)
			w->black_height = blacks;
		else if (blacks != w->black_height)
			w->err = "paths with different black heights";
		return;
	}
	if (rb_parent(n) != parent) {
		w->err = "parent pointer does not match the tree";
		return;
	}
	if (parent && rb_is_red(n) && rb_is_red(parent))
		w->err = "red node with a red child";
	blacks += rb_is_black(n);
	check_subtree(w, n->rb_left, n, blacks);
	if (!w->err)
		visit(w, n);
	check_subtree(w, n->rb_right, n, blacks);
}

/* Returns NULL if @t is a sound red-black tree of @n nodes, else why not. */
static const char *rb_check(const struct rb_root_cached *t, size_t n)
{
	const struct rb_node *root = t->rb_root.rb_node;
	struct walk w = { .black_height = -1 };

	if (root && rb_parent(root))
		return "root has a parent";
	if (root && !rb_is_black(root))
		return "root is red";
	check_subtree(&w, root, NULL, 0);
	if (w.err)
		return w.err;
	if (w.count != n)
		return "wrong number of nodes";
	if (rb_last(&t->rb_root) != w.prev || (w.prev && rb_next(w.prev)))
		return "rb_last() is not the last node";
	if (t->rb_leftmost != rb_first(&t->rb_root) ||
	    (root && rb_prev(t->rb_leftmost)))
		return "cached leftmost is not the first node";
	if (RB_EMPTY_ROOT(&t->rb_root) != (n == 0))
		return "RB_EMPTY_ROOT() is wrong";
	return NULL;
}

#define assert_valid(t, n)                                             \
	do {                                                           \
		const char *__err = rb_check(t, n);                    \
		if (__err)                                             \
			fail_msg("invalid tree of %zu nodes: %s",      \
				 (size_t)(n), __err);                  \
	} while (0)

static struct rb_node *add(struct item *it, int key, struct rb_root_cached *t)
{
	it->key = key;
	it->seq = next_seq++;
	return rb_add_cached(&it->node, t, item_less);
}

/* --- tests --- */

static void test_empty_tree(void **state)
{
	struct rb_root_cached t = RB_ROOT_CACHED;
	struct rb_root r = RB_ROOT;
	int key = 1;

	assert_true(RB_EMPTY_ROOT(&r));
	assert_true(RB_EMPTY_ROOT(&t.rb_root));
	assert_null(rb_first(&r));
	assert_null(rb_last(&r));
	assert_null(rb_first_cached(&t));
	assert_null(rb_find(&key, &r, item_cmp));
	assert_valid(&t, 0);
}

static void test_node_alignment_leaves_colour_bits(void **state)
{
	assert_true(_Alignof(struct rb_node) >= 4);
	assert_int_equal(sizeof(struct rb_node), 3 * sizeof(void *));
}

static void test_clear_node_marks_node_empty(void **state)
{
	struct rb_root_cached t = RB_ROOT_CACHED;
	struct item a, b;

	RB_CLEAR_NODE(&a.node);
	assert_true(RB_EMPTY_NODE(&a.node));
	add(&a, 1, &t);
	add(&b, 2, &t);
	assert_false(RB_EMPTY_NODE(&a.node));
	assert_false(RB_EMPTY_NODE(&b.node));
	rb_erase_cached(&a.node, &t);
	RB_CLEAR_NODE(&a.node);
	assert_true(RB_EMPTY_NODE(&a.node));
	/* A cleared node has no neighbours, as in Linux. */
	assert_null(rb_next(&a.node));
	assert_null(rb_prev(&a.node));
	assert_false(RB_EMPTY_NODE(&b.node));
	assert_valid(&t, 1);
}

#define BIG 10000

static void test_insert_ascending(void **state)
{
	struct rb_root_cached t = RB_ROOT_CACHED;
	struct item *items = make_items(BIG);

	for (int i = 0; i < BIG; i++) {
		struct rb_node *ret = add(&items[i], i, &t);

		/* Only the first node ever becomes the leftmost. */
		assert_ptr_equal(ret, i == 0 ? &items[0].node : NULL);
		assert_valid(&t, i + 1);
	}
	assert_ptr_equal(rb_first_cached(&t), &items[0].node);
	assert_ptr_equal(rb_last(&t.rb_root), &items[BIG - 1].node);
	free(items);
}

static void test_insert_descending(void **state)
{
	struct rb_root_cached t = RB_ROOT_CACHED;
	struct item *items = make_items(BIG);

	for (int i = 0; i < BIG; i++) {
		/* Every node is smaller than all before it: each is leftmost. */
		assert_ptr_equal(add(&items[i], BIG - i, &t), &items[i].node);
		assert_ptr_equal(rb_first_cached(&t), &items[i].node);
		assert_valid(&t, i + 1);
	}
	assert_ptr_equal(rb_last(&t.rb_root), &items[0].node);
	free(items);
}

/*
 * Inserts keys 0..n-1 in a shuffled order; with @check, checks the tree
 * after each insert (other tests only need the tree).
 */
static struct item *insert_shuffled(struct rb_root_cached *t, int n,
				    uint64_t seed, bool check)
{
	struct item *items = make_items(n);
	int *keys = malloc(n * sizeof(*keys));
	int min = n;

	assert_non_null(keys);
	for (int i = 0; i < n; i++)
		keys[i] = i;
	rng_seed(seed);
	shuffle(keys, n);
	for (int i = 0; i < n; i++) {
		struct rb_node *ret = add(&items[i], keys[i], t);

		assert_ptr_equal(ret, keys[i] < min ? &items[i].node : NULL);
		if (keys[i] < min)
			min = keys[i];
		assert_int_equal(item_of(rb_first_cached(t))->key, min);
		if (check)
			assert_valid(t, i + 1);
	}
	free(keys);
	return items;
}

static void test_insert_random(void **state)
{
	struct rb_root_cached t = RB_ROOT_CACHED;
	struct item *items = insert_shuffled(&t, 12000, 0x5eed0001, true);
	struct rb_node *p;
	int expect = 0;

	for (p = rb_first(&t.rb_root); p; p = rb_next(p))
		assert_int_equal(item_of(p)->key, expect++);
	assert_int_equal(expect, 12000);
	free(items);
}

static void test_erase_random_order_to_empty(void **state)
{
	struct rb_root_cached t = RB_ROOT_CACHED;
	int n = 10000;
	struct item *items = insert_shuffled(&t, n, 0x5eed0002, false);
	int *order = malloc(n * sizeof(*order));

	assert_non_null(order);
	for (int i = 0; i < n; i++)
		order[i] = i;
	shuffle(order, n);
	for (int i = 0; i < n; i++) {
		struct rb_node *node = &items[order[i]].node;
		struct rb_node *old_first = rb_first_cached(&t);
		struct rb_node *after = rb_next(node);
		struct rb_node *ret = rb_erase_cached(node, &t);

		/* The new leftmost is returned only when it changed. */
		assert_ptr_equal(ret, node == old_first ? after : NULL);
		assert_valid(&t, n - i - 1);
	}
	assert_true(RB_EMPTY_ROOT(&t.rb_root));
	assert_null(rb_first_cached(&t));
	free(order);
	free(items);
}

static void test_erase_root_and_extremes(void **state)
{
	struct rb_root_cached t = RB_ROOT_CACHED;
	int n = 300;
	struct item *items = insert_shuffled(&t, n, 0x5eed0003, false);

	for (int left = n; left > 0; left--) {
		struct rb_node *victim;

		switch (left % 3) {
		case 0:
			victim = t.rb_root.rb_node;
			break;
		case 1:
			victim = rb_first_cached(&t);
			break;
		default:
			victim = rb_last(&t.rb_root);
			break;
		}
		rb_erase_cached(victim, &t);
		assert_valid(&t, left - 1);
	}
	free(items);
}

/*
 * Keys from a small range, so most are duplicates; inserts and erases
 * interleave. The checker's order includes the insertion sequence, so
 * it proves that an equal key lands after those already present.
 */
static void test_duplicates_interleaved(void **state)
{
	struct rb_root_cached t = RB_ROOT_CACHED;
	int cap = 3000, in_tree = 0;
	struct item *items = make_items(cap);
	struct item **live = calloc(cap, sizeof(*live));

	assert_non_null(live);
	rng_seed(0x5eed0004);
	for (int i = 0; i < cap; i++) {
		add(&items[i], rng(20), &t);
		live[in_tree++] = &items[i];
		assert_valid(&t, in_tree);
		if (rng(3) == 0) {
			int j = rng(in_tree);

			rb_erase_cached(&live[j]->node, &t);
			live[j] = live[--in_tree];
			assert_valid(&t, in_tree);
		}
	}
	free(live);
	free(items);
}

static void test_add_cached_return_value(void **state)
{
	struct rb_root_cached t = RB_ROOT_CACHED;
	struct item it[5];

	assert_ptr_equal(add(&it[0], 50, &t), &it[0].node);	/* first */
	assert_null(add(&it[1], 60, &t));			/* larger */
	assert_ptr_equal(add(&it[2], 40, &t), &it[2].node);	/* smaller */
	assert_null(add(&it[3], 40, &t));	/* equal to the min: goes right */
	assert_ptr_equal(rb_first_cached(&t), &it[2].node);
	assert_ptr_equal(rb_next(&it[2].node), &it[3].node);
	assert_ptr_equal(add(&it[4], 39, &t), &it[4].node);
	assert_valid(&t, 5);
}

static void test_next_prev_match_sorted_order(void **state)
{
	struct rb_root_cached t = RB_ROOT_CACHED;
	int n = 2000;
	struct item *items = insert_shuffled(&t, n, 0x5eed0005, false);
	struct rb_node *p;
	int k = 0;

	for (p = rb_first(&t.rb_root); p; p = rb_next(p))
		assert_int_equal(item_of(p)->key, k++);
	assert_int_equal(k, n);
	for (p = rb_last(&t.rb_root); p; p = rb_prev(p))
		assert_int_equal(item_of(p)->key, --k);
	assert_int_equal(k, 0);
	free(items);
}

static void test_find(void **state)
{
	struct rb_root_cached t = RB_ROOT_CACHED;
	struct item *items = make_items(1000);

	/* Even keys only, so every odd key is a miss between two hits. */
	for (int i = 0; i < 1000; i++)
		add(&items[i], 2 * i, &t);
	for (int key = -1; key <= 2001; key++) {
		struct rb_node *n = rb_find(&key, &t.rb_root, item_cmp);

		if (key >= 0 && key < 2000 && key % 2 == 0)
			assert_ptr_equal(n, &items[key / 2].node);
		else
			assert_null(n);
	}
	free(items);
}

/* The classic open-coded insertion: search, rb_link_node, rebalance. */
static void link_by_hand(struct rb_root_cached *t, struct item *it, int key)
{
	struct rb_node **link = &t->rb_root.rb_node, *parent = NULL;
	bool leftmost = true;

	it->key = key;
	it->seq = next_seq++;
	while (*link) {
		parent = *link;
		if (key < item_of(parent)->key) {
			link = &parent->rb_left;
		} else {
			link = &parent->rb_right;
			leftmost = false;
		}
	}
	rb_link_node(&it->node, parent, link);
	rb_insert_color_cached(&it->node, t, leftmost);
}

static void test_link_node_and_insert_color(void **state)
{
	struct rb_root_cached t = RB_ROOT_CACHED;
	struct item *items = make_items(3000);

	rng_seed(0x5eed0006);
	for (int i = 0; i < 3000; i++) {
		link_by_hand(&t, &items[i], rng(1000));
		assert_valid(&t, i + 1);
	}
	free(items);
}

/* rb_add() and rb_erase() on a plain root, with no leftmost to keep. */
static void test_plain_root_add_erase(void **state)
{
	struct rb_root r = RB_ROOT;
	struct rb_root_cached view;
	struct item *items = make_items(1000);

	rng_seed(0x5eed0007);
	for (int i = 0; i < 1000; i++) {
		items[i].key = rng(100000);
		items[i].seq = next_seq++;
		rb_add(&items[i].node, &r, item_less);
	}
	for (int i = 0; i < 1000; i += 2)
		rb_erase(&items[i].node, &r);
	view.rb_root = r;
	view.rb_leftmost = rb_first(&r);
	assert_valid(&view, 500);
	free(items);
}

/* Sorted-array model: index of the first element > @key (ties go right). */
static int upper_bound(struct item **a, int n, int key)
{
	int lo = 0, hi = n;

	while (lo < hi) {
		int mid = (lo + hi) / 2;

		if (a[mid]->key <= key)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static void assert_same_as_model(struct rb_root_cached *t, struct item **a, int n)
{
	struct rb_node *p = rb_first(&t->rb_root);

	for (int i = 0; i < n; i++, p = rb_next(p))
		assert_ptr_equal(p, &a[i]->node);
	assert_null(p);
	assert_ptr_equal(rb_first_cached(t), n ? &a[0]->node : NULL);
}

static void model_insert(struct rb_root_cached *t, struct item **a, int *n,
			 struct item *it)
{
	int key = (int)rng(500), pos = upper_bound(a, *n, key);
	struct rb_node *ret = add(it, key, t);

	assert_ptr_equal(ret, pos == 0 ? &it->node : NULL);
	memmove(&a[pos + 1], &a[pos], (*n - pos) * sizeof(*a));
	a[pos] = it;
	(*n)++;
}

static void model_erase(struct rb_root_cached *t, struct item **a, int *n,
			struct item **free_list, int *nfree)
{
	int pos = rng(*n);
	struct item *it = a[pos];

	rb_erase_cached(&it->node, t);
	RB_CLEAR_NODE(&it->node);
	memmove(&a[pos], &a[pos + 1], (*n - pos - 1) * sizeof(*a));
	(*n)--;
	free_list[(*nfree)++] = it;
}

static void model_find(struct rb_root_cached *t, struct item **a, int n)
{
	int key = (int)rng(520), pos = upper_bound(a, n, key);
	bool present = pos > 0 && a[pos - 1]->key == key;
	struct rb_node *found = rb_find(&key, &t->rb_root, item_cmp);

	if (!present) {
		assert_null(found);
		return;
	}
	assert_non_null(found);
	assert_int_equal(item_of(found)->key, key);
	assert_false(RB_EMPTY_NODE(found));
}

static void test_differential_against_sorted_array(void **state)
{
	enum { POOL = 1500, OPS = 40000 };
	struct rb_root_cached t = RB_ROOT_CACHED;
	struct item *items = make_items(POOL);
	struct item **sorted = calloc(POOL, sizeof(*sorted));
	struct item **free_list = calloc(POOL, sizeof(*free_list));
	int n = 0, nfree = 0;

	assert_non_null(sorted);
	assert_non_null(free_list);
	for (int i = 0; i < POOL; i++)
		free_list[nfree++] = &items[i];
	rng_seed(0x5eed0008);
	for (int op = 0; op < OPS; op++) {
		unsigned int what = rng(10);

		if (what < 5 && nfree)
			model_insert(&t, sorted, &n, free_list[--nfree]);
		else if (what < 9 && n)
			model_erase(&t, sorted, &n, free_list, &nfree);
		else
			model_find(&t, sorted, n);
		assert_same_as_model(&t, sorted, n);
		if (op % 16 == 0)
			assert_valid(&t, n);
	}
	assert_valid(&t, n);
	free(free_list);
	free(sorted);
	free(items);
}

/* --- the checker must reject broken trees --- */

/* A valid tree of the keys 1..7, in seven[0..6]. */
static struct item seven[7];

static struct rb_root_cached build_seven(void)
{
	struct rb_root_cached t = RB_ROOT_CACHED;

	for (int k = 1; k <= 7; k++)
		add(&seven[k - 1], k, &t);
	assert_valid(&t, 7);
	return t;
}

static void flip_color(struct rb_node *n)
{
	n->__rb_parent_color ^= 1;
}

static void test_checker_rejects_broken_trees(void **state)
{
	struct rb_root_cached t;
	struct rb_node *root, *leaf;

	t = build_seven();
	root = t.rb_root.rb_node;
	flip_color(root);
	assert_string_equal(rb_check(&t, 7), "root is red");

	/*
	 * Keys 1..7 inserted in order give 2B(1B, 4R(3B, 6B(5R, 7R))):
	 * 7 is a red leaf under a black 6; making 6 red breaks the red rule.
	 */
	t = build_seven();
	leaf = &seven[6].node;
	assert_true(rb_is_red(leaf));
	assert_true(rb_is_black(rb_parent(leaf)));
	flip_color(rb_parent(leaf));
	assert_string_equal(rb_check(&t, 7), "red node with a red child");

	/* A black leaf turned red: its path is one black short. */
	t = build_seven();
	leaf = rb_first(&t.rb_root);
	assert_true(rb_is_black(leaf));
	flip_color(leaf);
	assert_string_equal(rb_check(&t, 7), "paths with different black heights");

	t = build_seven();
	seven[0].key = 100;
	assert_string_equal(rb_check(&t, 7), "in-order walk is not sorted");

	t = build_seven();
	seven[6].node.__rb_parent_color =
		(unsigned long)&seven[0].node | rb_color(&seven[6].node);
	assert_string_equal(rb_check(&t, 7),
			    "parent pointer does not match the tree");

	t = build_seven();
	t.rb_leftmost = &seven[1].node;
	assert_string_equal(rb_check(&t, 7),
			    "cached leftmost is not the first node");

	t = build_seven();
	assert_string_equal(rb_check(&t, 6), "wrong number of nodes");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_empty_tree),
		cmocka_unit_test(test_node_alignment_leaves_colour_bits),
		cmocka_unit_test(test_clear_node_marks_node_empty),
		cmocka_unit_test(test_insert_ascending),
		cmocka_unit_test(test_insert_descending),
		cmocka_unit_test(test_insert_random),
		cmocka_unit_test(test_erase_random_order_to_empty),
		cmocka_unit_test(test_erase_root_and_extremes),
		cmocka_unit_test(test_duplicates_interleaved),
		cmocka_unit_test(test_add_cached_return_value),
		cmocka_unit_test(test_next_prev_match_sorted_order),
		cmocka_unit_test(test_find),
		cmocka_unit_test(test_link_node_and_insert_color),
		cmocka_unit_test(test_plain_root_add_erase),
		cmocka_unit_test(test_differential_against_sorted_array),
		cmocka_unit_test(test_checker_rejects_broken_trees),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
