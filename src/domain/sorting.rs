//! Stable sorting that costs the app's bundle one copy of the sort algorithm.
//!
//! The standard library's `sort_by` is generic: every element type and every comparison closure
//! gets its own compiled copy of the whole algorithm (about 2–4 KB of WebAssembly each), and the
//! app sorts in some twenty places. Here the algorithm runs once, on positions, with the
//! comparison behind a `dyn` call; only the small step that moves the items into that order is
//! generic. Same result as `slice::sort_by` (stable: equal items keep their order), tested below
//! against it.

use std::cmp::Ordering;

/// Sorts `items` by `compare`, keeping equal items in their order (like `slice::sort_by`).
pub fn sort_by<T>(items: &mut [T], mut compare: impl FnMut(&T, &T) -> Ordering) {
    if items.len() < 2 {
        return;
    }
    let order = sorted_positions(items.len(), &mut |a, b| compare(&items[a], &items[b]));
    move_into_order(items, order);
}

/// Sorts `items` by the key `key` gives each one, keeping equal keys in their order.
pub fn sort_by_key<T, K: Ord>(items: &mut [T], mut key: impl FnMut(&T) -> K) {
    sort_by(items, |a, b| key(a).cmp(&key(b)));
}

/// Sorts `items` in their natural order.
pub fn sort<T: Ord>(items: &mut [T]) {
    sort_by(items, T::cmp);
}

/// The positions `0..len` in the order `compare` puts them, equal ones in their first order.
/// Not generic: the one place the standard sort is compiled for these call sites.
#[inline(never)]
fn sorted_positions(len: usize, compare: &mut dyn FnMut(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..len).collect();
    order.sort_by(|&a, &b| compare(a, b));
    order
}

/// Rearranges `items` so that position `i` holds the item that was at `order[i]`, by following
/// each cycle of the permutation with swaps (no copies, no `Clone` needed).
fn move_into_order<T>(items: &mut [T], mut order: Vec<usize>) {
    const DONE: usize = usize::MAX;
    for start in 0..items.len() {
        if order[start] == DONE {
            continue;
        }
        let mut current = start;
        loop {
            let next = order[current];
            order[current] = DONE;
            if next == start {
                break;
            }
            // `current` takes the item from `next`; the item that started the cycle moves on.
            items.swap(current, next);
            current = next;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn sorts_small_cases_like_the_standard_library() {
        let mut empty: Vec<u8> = vec![];
        sort(&mut empty);
        assert!(empty.is_empty());
        let mut one = vec![7];
        sort(&mut one);
        assert_eq!(one, vec![7]);
        let mut words = vec!["pear", "apple", "fig", "apple"];
        sort(&mut words);
        assert_eq!(words, vec!["apple", "apple", "fig", "pear"]);
        let mut reversed: Vec<u32> = (0..50).rev().collect();
        sort(&mut reversed);
        assert_eq!(reversed, (0..50).collect::<Vec<_>>());
    }

    #[test]
    fn equal_keys_keep_their_order() {
        let mut letters = vec![(2, 'a'), (1, 'b'), (2, 'c'), (1, 'd'), (0, 'e'), (2, 'f')];
        sort_by_key(&mut letters, |pair| pair.0);
        assert_eq!(
            letters,
            vec![(0, 'e'), (1, 'b'), (1, 'd'), (2, 'a'), (2, 'c'), (2, 'f')]
        );
    }

    #[test]
    fn moves_items_that_are_not_clone() {
        struct Owned(String);
        let mut owned: Vec<Owned> = ["c", "a", "b"]
            .iter()
            .map(|s| Owned(s.to_string()))
            .collect();
        sort_by(&mut owned, |a, b| b.0.cmp(&a.0));
        let texts: Vec<&str> = owned.iter().map(|o| o.0.as_str()).collect();
        assert_eq!(texts, vec!["c", "b", "a"]);
    }

    proptest! {
        /// For any list and any (partial) key, the result is exactly the standard stable sort's:
        /// same items, same order, ties included.
        #[test]
        fn same_as_the_standard_stable_sort(
            values in proptest::collection::vec((0u8..6, any::<u16>()), 0..300),
            descending in any::<bool>(),
        ) {
            let compare = |a: &(u8, u16), b: &(u8, u16)| {
                if descending { b.0.cmp(&a.0) } else { a.0.cmp(&b.0) }
            };
            let mut expected = values.clone();
            expected.sort_by(compare);
            let mut ours = values;
            sort_by(&mut ours, compare);
            prop_assert_eq!(ours, expected);
        }
    }
}
