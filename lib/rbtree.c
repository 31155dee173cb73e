/*
 * Red-black tree rebalancing and in-order steps, mirroring Linux's
 * lib/rbtree.c (the API is in include/linux/rbtree.h). The algorithm is
 * the textbook one (CLRS, chapter 13), written once for both directions:
 * `dir` is 0 for left and 1 for right, and child() picks rb_left or
 * rb_right, so each mirror-image case appears a single time. NULL children
 * are the black leaves.
 *
 * The rules kept: the root is black; a red node has no red child; every
 * path from a node down to a leaf has the same number of black nodes.
 * Together they keep the height below 2 log2(n + 1). The caller provides
 * any locking; nothing here allocates or recurses.
 */
#include <linux/rbtree.h>

#define LEFT 0
#define RIGHT 1

static struct rb_node **child(struct rb_node *node, int dir)
{
	return dir == LEFT ? &node->rb_left : &node->rb_right;
}

/* Empty children are leaves, and leaves count as black. */
static bool is_red(const struct rb_node *node)
{
	return node && rb_is_red(node);
}

static void set_parent(struct rb_node *node, struct rb_node *parent)
{
	node->__rb_parent_color = (unsigned long)parent | rb_color(node);
}

static void set_color(struct rb_node *node, unsigned long color)
{
	node->__rb_parent_color = (node->__rb_parent_color & ~1UL) | color;
}

/* Points whatever pointed at @old (its parent, or the root) to @new. */
static void replace_child(struct rb_node *old, struct rb_node *new,
			  struct rb_node *parent, struct rb_root *root)
{
	if (!parent)
		root->rb_node = new;
	else if (parent->rb_left == old)
		parent->rb_left = new;
	else
		parent->rb_right = new;
}

/*
 * Rotates @node down towards @dir: its child on the other side takes its
 * place, and that child's inner subtree moves across to @node. The order
 * of the nodes is unchanged; colours are the caller's business.
 */
static void rotate(struct rb_node *node, int dir, struct rb_root *root)
{
	struct rb_node *up = *child(node, !dir);
	struct rb_node *inner = *child(up, dir);
	struct rb_node *parent = rb_parent(node);

	*child(node, !dir) = inner;
	if (inner)
		set_parent(inner, node);
	*child(up, dir) = node;
	set_parent(node, up);
	set_parent(up, parent);
	replace_child(node, up, parent, root);
}

/**
 * rb_insert_color - rebalance after rb_link_node() added a red leaf
 * @node: the node just linked
 * @root: its tree
 *
 * The only rule a red leaf can break is "no red child under a red
 * parent". A red uncle lets the fault be pushed two levels up by
 * recolouring; a black uncle is settled by one or two rotations.
 */
void rb_insert_color(struct rb_node *node, struct rb_root *root)
{
	struct rb_node *parent, *gparent, *uncle;
	int dir;

	while ((parent = rb_parent(node)) && rb_is_red(parent)) {
		/* A red parent is not the root, so the grandparent exists. */
		gparent = rb_parent(parent);
		dir = parent == gparent->rb_left ? LEFT : RIGHT;
		uncle = *child(gparent, !dir);
		if (is_red(uncle)) {
			set_color(parent, RB_BLACK);
			set_color(uncle, RB_BLACK);
			set_color(gparent, RB_RED);
			node = gparent;
			continue;
		}
		if (node == *child(parent, !dir)) {
			/* Inner grandchild: make it an outer one first. */
			rotate(parent, dir, root);
			parent = node;
		}
		set_color(parent, RB_BLACK);
		set_color(gparent, RB_RED);
		rotate(gparent, !dir, root);
		break;
	}
	set_color(root->rb_node, RB_BLACK);
}

/*
 * After a black node was removed, the subtree at @node (possibly an empty
 * leaf, hence @parent is passed) has one black node too few on each path.
 * Either recolour the sibling red and push the deficit up, or borrow a
 * node from the sibling's side with rotations and stop.
 */
static void erase_fixup(struct rb_node *node, struct rb_node *parent,
			struct rb_root *root)
{
	struct rb_node *sibling;
	int dir;

	while (node != root->rb_node && !is_red(node)) {
		/*
		 * The sibling side holds at least one black node, so it is
		 * not empty, and a NULL @node is identified correctly.
		 */
		dir = node == parent->rb_left ? LEFT : RIGHT;
		sibling = *child(parent, !dir);
		if (rb_is_red(sibling)) {
			/* Make the sibling black, keeping the deficit here. */
			set_color(sibling, RB_BLACK);
			set_color(parent, RB_RED);
			rotate(parent, dir, root);
			sibling = *child(parent, !dir);
		}
		if (!is_red(sibling->rb_left) && !is_red(sibling->rb_right)) {
			set_color(sibling, RB_RED);
			node = parent;
			parent = rb_parent(node);
			continue;
		}
		if (!is_red(*child(sibling, !dir))) {
			/* Only the near nephew is red: make it the far one. */
			set_color(*child(sibling, dir), RB_BLACK);
			set_color(sibling, RB_RED);
			rotate(sibling, !dir, root);
			sibling = *child(parent, !dir);
		}
		set_color(sibling, rb_color(parent));
		set_color(parent, RB_BLACK);
		set_color(*child(sibling, !dir), RB_BLACK);
		rotate(parent, dir, root);
		return;
	}
	if (node)
		set_color(node, RB_BLACK);
}

/*
 * Unlinks @node, which has two children, by moving its successor into its
 * place (position and colour). Returns the colour the successor had; its
 * old position lost a node, and *@hole / *@hole_parent describe it.
 */
static unsigned long erase_with_successor(struct rb_node *node,
					  struct rb_root *root,
					  struct rb_node **hole,
					  struct rb_node **hole_parent)
{
	struct rb_node *succ = node->rb_right;
	unsigned long color;

	while (succ->rb_left)
		succ = succ->rb_left;
	color = rb_color(succ);
	*hole = succ->rb_right;
	if (rb_parent(succ) == node) {
		*hole_parent = succ;
	} else {
		*hole_parent = rb_parent(succ);
		(*hole_parent)->rb_left = *hole;
		if (*hole)
			set_parent(*hole, *hole_parent);
		succ->rb_right = node->rb_right;
		set_parent(succ->rb_right, succ);
	}
	succ->rb_left = node->rb_left;
	set_parent(succ->rb_left, succ);
	succ->__rb_parent_color = node->__rb_parent_color;
	replace_child(node, succ, rb_parent(node), root);
	return color;
}

/**
 * rb_erase - remove a node from its tree and rebalance
 * @node: a node in @root
 * @root: the tree
 *
 * @node's own fields are left stale; use RB_CLEAR_NODE() to mark it as
 * in no tree.
 */
void rb_erase(struct rb_node *node, struct rb_root *root)
{
	struct rb_node *hole, *parent;
	unsigned long color;

	if (node->rb_left && node->rb_right) {
		color = erase_with_successor(node, root, &hole, &parent);
	} else {
		hole = node->rb_left ? node->rb_left : node->rb_right;
		parent = rb_parent(node);
		color = rb_color(node);
		if (hole)
			set_parent(hole, parent);
		replace_child(node, hole, parent, root);
	}
	if (color == RB_BLACK)
		erase_fixup(hole, parent, root);
}

/* The extreme node of the subtree at @node in direction @dir. */
static struct rb_node *extreme(struct rb_node *node, int dir)
{
	if (node)
		while (*child(node, dir))
			node = *child(node, dir);
	return node;
}

/* The in-order neighbour of @node on side @dir (RIGHT: next). */
static struct rb_node *step(const struct rb_node *node, int dir)
{
	struct rb_node *cur = (struct rb_node *)node, *parent;

	if (RB_EMPTY_NODE(node))
		return NULL;
	if (*child(cur, dir))
		return extreme(*child(cur, dir), !dir);
	/* Climb while coming up from the @dir side; that parent is done. */
	while ((parent = rb_parent(cur)) && cur == *child(parent, dir))
		cur = parent;
	return parent;
}

/* rb_next - the node after @node in order, or NULL */
struct rb_node *rb_next(const struct rb_node *node)
{
	return step(node, RIGHT);
}

/* rb_prev - the node before @node in order, or NULL */
struct rb_node *rb_prev(const struct rb_node *node)
{
	return step(node, LEFT);
}

/* rb_first - the smallest node of @root, or NULL if it is empty */
struct rb_node *rb_first(const struct rb_root *root)
{
	return extreme(root->rb_node, LEFT);
}

/* rb_last - the largest node of @root, or NULL if it is empty */
struct rb_node *rb_last(const struct rb_root *root)
{
	return extreme(root->rb_node, RIGHT);
}
