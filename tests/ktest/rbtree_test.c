/*
 * In-kernel tests of the red-black tree (lib/rbtree.c), built with the
 * kernel's flags: a few thousand nodes inserted and erased in random
 * order, with the red-black rules, the order and the cached leftmost node
 * checked along the way, and a CFS-like loop that always runs the
 * leftmost entity and requeues it further right. The host tests
 * (tests/host/test_rbtree.c) check far more; these prove the same code
 * works inside the kernel build.
 */
#include <linux/kernel.h>
#include <linux/rbtree.h>
#include <linux/slab.h>
#include <spindle/ktest.h>

#define NR_ITEMS 3000

struct item {
	u64 key;
	struct rb_node node;
};

#define item_of(n) rb_entry(n, struct item, node)

static bool item_less(struct rb_node *a, const struct rb_node *b)
{
	return item_of(a)->key < item_of(b)->key;
}

static int item_cmp(const void *key, const struct rb_node *n)
{
	u64 k = *(const u64 *)key;

	return k < item_of(n)->key ? -1 : k > item_of(n)->key;
}

/* A fixed-seed xorshift64, so that a failure replays at every boot. */
static u64 rng_state;

static u32 rng(u32 bound)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return (u32)(rng_state % bound);
}

/* The number of black nodes from @n up to the root, @n included. */
static int black_depth(const struct rb_node *n)
{
	int blacks = 0;

	for (; n; n = rb_parent(n))
		blacks += rb_is_black(n);
	return blacks;
}

/*
 * Checks @t without recursion: walks it in order with rb_next(), and at
 * each node checks the order, the links to its children, the red rule,
 * and, where a child is missing (a leaf), the black height up to the root.
 * Return: true if @t holds exactly @n nodes and is a sound red-black tree.
 */
static bool tree_is_valid(struct ktest *t, const struct rb_root_cached *tree,
			  unsigned int n)
{
	const struct rb_node *root = tree->rb_root.rb_node, *p, *prev = NULL;
	unsigned int count = 0;
	int height = -1;

	if (root && (rb_parent(root) || rb_is_red(root)))
		return KTEST_EXPECT_MSG(t, false, "bad root");
	for (p = rb_first(&tree->rb_root); p; prev = p, p = rb_next(p)) {
		const struct rb_node *l = p->rb_left, *r = p->rb_right;

		if (prev && item_of(p)->key < item_of(prev)->key)
			return KTEST_EXPECT_MSG(t, false, "out of order at %u", count);
		if ((l && rb_parent(l) != p) || (r && rb_parent(r) != p))
			return KTEST_EXPECT_MSG(t, false, "bad parent link at %u", count);
		if (rb_is_red(p) && ((l && rb_is_red(l)) || (r && rb_is_red(r))))
			return KTEST_EXPECT_MSG(t, false, "red-red at %u", count);
		if (!l || !r) {
			if (height < 0)
				height = black_depth(p);
			else if (black_depth(p) != height)
				return KTEST_EXPECT_MSG(t, false, "black height at %u", count);
		}
		if (++count > n)
			break;
	}
	KTEST_EXPECT_EQ(t, count, n);
	KTEST_EXPECT_TRUE(t, tree->rb_leftmost == rb_first(&tree->rb_root));
	return count == n && tree->rb_leftmost == rb_first(&tree->rb_root);
}

static struct item *alloc_items(struct ktest *t, unsigned int n)
{
	struct item *items = kmalloc_array(n, sizeof(*items), GFP_KERNEL);

	KTEST_EXPECT_NOT_NULL(t, items);
	return items;
}

/* Adds @n items with random keys (many equal), checking as it goes. */
static bool fill_random(struct ktest *t, struct rb_root_cached *tree,
			struct item *items, unsigned int n)
{
	u64 min = U64_MAX;

	for (unsigned int i = 0; i < n; i++) {
		struct rb_node *ret;

		items[i].key = rng(n / 2);
		ret = rb_add_cached(&items[i].node, tree, item_less);
		if (!KTEST_EXPECT_TRUE(t, (ret != NULL) == (items[i].key < min)))
			return false;
		if (items[i].key < min)
			min = items[i].key;
		if (!KTEST_EXPECT_EQ(t, item_of(rb_first_cached(tree))->key, min))
			return false;
		if (i % 256 == 0 && !tree_is_valid(t, tree, i + 1))
			return false;
	}
	return tree_is_valid(t, tree, n);
}

static void random_inserts_keep_order(struct ktest *t)
{
	struct rb_root_cached tree = RB_ROOT_CACHED;
	struct item *items = alloc_items(t, NR_ITEMS);

	if (!items)
		return;
	rng_state = 0x5eed1001;
	fill_random(t, &tree, items, NR_ITEMS);
	kfree(items);
}

/* Erases the items in a shuffled order, checking the returned leftmost. */
static void erase_shuffled(struct ktest *t, struct rb_root_cached *tree,
			   struct item *items, unsigned int *order)
{
	for (unsigned int i = 0; i < NR_ITEMS; i++) {
		unsigned int j = i + rng(NR_ITEMS - i), tmp = order[j];
		struct rb_node *node = &items[tmp].node;
		struct rb_node *first = rb_first_cached(tree);
		struct rb_node *after = rb_next(node);

		order[j] = order[i];
		order[i] = tmp;
		if (!KTEST_EXPECT_TRUE(t, rb_erase_cached(node, tree) ==
					  (node == first ? after : NULL)))
			return;
		if (i % 256 == 0 && !tree_is_valid(t, tree, NR_ITEMS - i - 1))
			return;
	}
}

static void erase_in_random_order_to_empty(struct ktest *t)
{
	struct rb_root_cached tree = RB_ROOT_CACHED;
	struct item *items = alloc_items(t, NR_ITEMS);
	unsigned int *order = kmalloc_array(NR_ITEMS, sizeof(*order), GFP_KERNEL);

	KTEST_EXPECT_NOT_NULL(t, order);
	if (!items || !order)
		goto out;
	for (unsigned int i = 0; i < NR_ITEMS; i++)
		order[i] = i;
	rng_state = 0x5eed1002;
	if (!fill_random(t, &tree, items, NR_ITEMS))
		goto out;
	erase_shuffled(t, &tree, items, order);
	KTEST_EXPECT_TRUE(t, RB_EMPTY_ROOT(&tree.rb_root));
	KTEST_EXPECT_NULL(t, rb_first_cached(&tree));
out:
	kfree(order);
	kfree(items);
}

static void find_hits_and_misses(struct ktest *t)
{
	struct rb_root tree = RB_ROOT;
	struct item *items = alloc_items(t, NR_ITEMS);

	if (!items)
		return;
	for (unsigned int i = 0; i < NR_ITEMS; i++) {
		items[i].key = 3 * (u64)((i * 7919) % NR_ITEMS);	/* a permutation */
		rb_add(&items[i].node, &tree, item_less);
	}
	for (u64 key = 0; key < 3 * NR_ITEMS; key++) {
		struct rb_node *n = rb_find(&key, &tree, item_cmp);

		if (key % 3) {
			if (!KTEST_EXPECT_NULL(t, n))
				break;
		} else if (!KTEST_EXPECT_TRUE(t, n && item_of(n)->key == key)) {
			break;
		}
	}
	kfree(items);
}

/*
 * The way CFS uses the tree: run the leftmost (smallest vruntime) entity,
 * charge it a slice, requeue it. The leftmost must always be the minimum.
 */
static void leftmost_tracks_minimum_like_cfs(struct ktest *t)
{
	struct rb_root_cached tree = RB_ROOT_CACHED;
	struct item ents[64];

	rng_state = 0x5eed1003;
	for (unsigned int i = 0; i < ARRAY_SIZE(ents); i++) {
		ents[i].key = rng(1000);
		rb_add_cached(&ents[i].node, &tree, item_less);
	}
	for (int round = 0; round < 5000; round++) {
		struct item *curr = item_of(rb_first_cached(&tree));
		u64 min = U64_MAX;

		for (unsigned int i = 0; i < ARRAY_SIZE(ents); i++)
			min = min(min, ents[i].key);
		if (!KTEST_EXPECT_EQ(t, curr->key, min))
			return;
		rb_erase_cached(&curr->node, &tree);
		curr->key += 1 + rng(3000);
		rb_add_cached(&curr->node, &tree, item_less);
	}
	tree_is_valid(t, &tree, ARRAY_SIZE(ents));
}

static void clear_node_is_empty(struct ktest *t)
{
	struct rb_root_cached tree = RB_ROOT_CACHED;
	struct item a = { .key = 1 };

	RB_CLEAR_NODE(&a.node);
	KTEST_EXPECT_TRUE(t, RB_EMPTY_NODE(&a.node));
	rb_add_cached(&a.node, &tree, item_less);
	KTEST_EXPECT_TRUE(t, !RB_EMPTY_NODE(&a.node));
	KTEST_EXPECT_TRUE(t, rb_erase_cached(&a.node, &tree) == NULL);
	RB_CLEAR_NODE(&a.node);
	KTEST_EXPECT_TRUE(t, RB_EMPTY_NODE(&a.node));
	KTEST_EXPECT_TRUE(t, RB_EMPTY_ROOT(&tree.rb_root));
}

static const struct ktest_case rbtree_cases[] = {
	KTEST_CASE(random_inserts_keep_order),
	KTEST_CASE(erase_in_random_order_to_empty),
	KTEST_CASE(find_hits_and_misses),
	KTEST_CASE(leftmost_tracks_minimum_like_cfs),
	KTEST_CASE(clear_node_is_empty),
	{}
};

static const struct ktest_suite rbtree_suite = {
	.name = "rbtree",
	.cases = rbtree_cases,
};
ktest_register_suite(rbtree_suite);
