/*
 * Intrusive red-black trees, with the API of Linux's include/linux/rbtree.h:
 * the node lives inside the object, the caller walks down the tree with its
 * own comparison and links the new node (or lets rb_add() do it), and
 * lib/rbtree.c only restores the balance. Nothing allocates; every
 * operation is O(log n) and iterative.
 *
 * Like Linux, the parent pointer and the colour share one word: nodes are
 * aligned to at least 4 bytes, so bit 0 of the parent address is free for
 * the colour (0 red, 1 black). Augmented trees (rbtree_augmented.h) are
 * not provided.
 */
#ifndef _LINUX_RBTREE_H
#define _LINUX_RBTREE_H

#include <linux/kernel.h>

struct rb_node {
	unsigned long __rb_parent_color;
	struct rb_node *rb_right;
	struct rb_node *rb_left;
} __aligned(sizeof(long));

struct rb_root {
	struct rb_node *rb_node;
};

/* A tree that also remembers its leftmost (smallest) node, for O(1) min. */
struct rb_root_cached {
	struct rb_root rb_root;
	struct rb_node *rb_leftmost;
};

#define RB_ROOT (struct rb_root){ NULL }
#define RB_ROOT_CACHED (struct rb_root_cached){ { NULL }, NULL }

#define RB_RED 0
#define RB_BLACK 1
#define rb_color(rb) ((rb)->__rb_parent_color & 1)
#define rb_is_red(rb) (rb_color(rb) == RB_RED)
#define rb_is_black(rb) (rb_color(rb) == RB_BLACK)

#define rb_parent(rb) ((struct rb_node *)((rb)->__rb_parent_color & ~3UL))
#define rb_entry(ptr, type, member) container_of(ptr, type, member)
#define rb_entry_safe(ptr, type, member)                                \
	({                                                              \
		__typeof__(ptr) ____ptr = (ptr);                        \
		____ptr ? rb_entry(____ptr, type, member) : NULL;       \
	})

#define RB_EMPTY_ROOT(root) (READ_ONCE((root)->rb_node) == NULL)

/* A node that is in no tree points to itself as its parent. */
#define RB_EMPTY_NODE(node) \
	((node)->__rb_parent_color == (unsigned long)(node))
#define RB_CLEAR_NODE(node) \
	((node)->__rb_parent_color = (unsigned long)(node))

void rb_insert_color(struct rb_node *node, struct rb_root *root);
void rb_erase(struct rb_node *node, struct rb_root *root);

struct rb_node *rb_next(const struct rb_node *node);
struct rb_node *rb_prev(const struct rb_node *node);
struct rb_node *rb_first(const struct rb_root *root);
struct rb_node *rb_last(const struct rb_root *root);

/**
 * rb_link_node - hang a new node where a search down the tree ended
 * @node: the node to insert
 * @parent: the last node visited, or NULL for an empty tree
 * @rb_link: the empty child pointer of @parent (or the root) to fill
 *
 * The node is red and a leaf; rb_insert_color() must follow.
 */
static inline void rb_link_node(struct rb_node *node, struct rb_node *parent,
				struct rb_node **rb_link)
{
	node->__rb_parent_color = (unsigned long)parent;
	node->rb_left = node->rb_right = NULL;
	*rb_link = node;
}

#define rb_first_cached(root) ((root)->rb_leftmost)

static inline void rb_insert_color_cached(struct rb_node *node,
					  struct rb_root_cached *root,
					  bool leftmost)
{
	if (leftmost)
		root->rb_leftmost = node;
	rb_insert_color(node, &root->rb_root);
}

/* Return: the new leftmost node if @node was the leftmost, else NULL. */
static inline struct rb_node *rb_erase_cached(struct rb_node *node,
					      struct rb_root_cached *root)
{
	struct rb_node *leftmost = NULL;

	if (root->rb_leftmost == node)
		leftmost = root->rb_leftmost = rb_next(node);
	rb_erase(node, &root->rb_root);
	return leftmost;
}

/*
 * rb_add_cached(), rb_add() and rb_find() walk the tree with a comparison
 * the caller passes; they are always inlined so that the comparison is too.
 */

/**
 * rb_add_cached - insert @node into a cached tree in @less order
 * @node: the node to insert
 * @tree: the tree
 * @less: true if its first node sorts before its second
 *
 * A node equal to existing ones goes after them (to their right).
 * Return: @node if it became the leftmost node, else NULL.
 */
static __always_inline struct rb_node *
rb_add_cached(struct rb_node *node, struct rb_root_cached *tree,
	      bool (*less)(struct rb_node *, const struct rb_node *))
{
	struct rb_node **link = &tree->rb_root.rb_node;
	struct rb_node *parent = NULL;
	bool leftmost = true;

	while (*link) {
		parent = *link;
		if (less(node, parent)) {
			link = &parent->rb_left;
		} else {
			link = &parent->rb_right;
			leftmost = false;
		}
	}
	rb_link_node(node, parent, link);
	rb_insert_color_cached(node, tree, leftmost);
	return leftmost ? node : NULL;
}

/* rb_add - insert @node into @tree in @less order; equal nodes go right. */
static __always_inline void
rb_add(struct rb_node *node, struct rb_root *tree,
       bool (*less)(struct rb_node *, const struct rb_node *))
{
	struct rb_node **link = &tree->rb_node;
	struct rb_node *parent = NULL;

	while (*link) {
		parent = *link;
		link = less(node, parent) ? &parent->rb_left : &parent->rb_right;
	}
	rb_link_node(node, parent, link);
	rb_insert_color(node, tree);
}

/**
 * rb_find - find a node that matches @key
 * @key: what to look for
 * @tree: the tree
 * @cmp: <0, 0 or >0 as @key sorts before, equal to or after the node
 *
 * Return: a matching node (any one of several equal ones), or NULL.
 */
static __always_inline struct rb_node *
rb_find(const void *key, const struct rb_root *tree,
	int (*cmp)(const void *key, const struct rb_node *))
{
	struct rb_node *node = tree->rb_node;

	while (node) {
		int c = cmp(key, node);

		if (c < 0)
			node = node->rb_left;
		else if (c > 0)
			node = node->rb_right;
		else
			return node;
	}
	return NULL;
}

#endif
