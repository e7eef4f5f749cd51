//! The crate's one sort. The standard library's sorts are fast, but each element type and
//! comparison gets its own copy of several kilobytes in the wasm; this merge sort is a few
//! hundred bytes a copy. It is stable, so it orders as `sort_unstable` does wherever equal
//! elements cannot be told apart, and as `sort` does everywhere.

/// Runs of this many elements are sorted by insertion before they are merged.
const RUN: usize = 16;

/// Sorts `v` in ascending order, keeping equal elements in their order.
pub fn sort<T: Copy + Ord>(v: &mut [T]) {
    sort_by(v, |a, b| a < b);
}

/// Sorts `v` by the key `key` gives each element, keeping elements of equal keys in their
/// order.
pub fn sort_by_key<T: Copy, K: Ord>(v: &mut [T], mut key: impl FnMut(&T) -> K) {
    sort_by(v, |a, b| key(a) < key(b));
}

/// Sorts `v` so that no element is `less` than one before it, keeping the order of elements
/// where neither is `less` than the other.
pub fn sort_by<T: Copy>(v: &mut [T], mut less: impl FnMut(&T, &T) -> bool) {
    for run in v.chunks_mut(RUN) {
        insertion_sort(run, &mut less);
    }
    if v.len() <= RUN {
        return;
    }
    let mut buffer = v.to_vec();
    let mut sorted_in_buffer = false;
    let mut width = RUN;
    while width < v.len() {
        if sorted_in_buffer {
            merge_runs(&buffer, v, width, &mut less);
        } else {
            merge_runs(v, &mut buffer, width, &mut less);
        }
        sorted_in_buffer = !sorted_in_buffer;
        width *= 2;
    }
    if sorted_in_buffer {
        v.copy_from_slice(&buffer);
    }
}

fn insertion_sort<T: Copy>(v: &mut [T], less: &mut impl FnMut(&T, &T) -> bool) {
    for i in 1..v.len() {
        let item = v[i];
        let mut at = i;
        while at > 0 && less(&item, &v[at - 1]) {
            v[at] = v[at - 1];
            at -= 1;
        }
        v[at] = item;
    }
}

/// Merges each pair of neighbouring sorted runs of `width` elements of `from` into `to`.
fn merge_runs<T: Copy>(
    from: &[T],
    to: &mut [T],
    width: usize,
    less: &mut impl FnMut(&T, &T) -> bool,
) {
    let len = from.len();
    let mut start = 0;
    while start < len {
        let middle = (start + width).min(len);
        let end = (middle + width).min(len);
        let (mut left, mut right) = (start, middle);
        for slot in &mut to[start..end] {
            // On a tie the left run's element goes first: the sort is stable.
            if right < end && (left == middle || less(&from[right], &from[left])) {
                *slot = from[right];
                right += 1;
            } else {
                *slot = from[left];
                left += 1;
            }
        }
        start = end;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_as_the_standard_stable_sort_does() {
        // Pseudo-random pairs with many equal keys, of lengths around the run and merge sizes.
        let mut seed = 12345u32;
        for len in [0, 1, 2, 15, 16, 17, 31, 32, 33, 100, 257, 1000] {
            let items: Vec<(u32, usize)> = (0..len)
                .map(|i| {
                    seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12345);
                    (seed >> 16 & 15, i)
                })
                .collect();
            let mut ours = items.clone();
            sort_by_key(&mut ours, |&(key, _)| key);
            let mut std = items.clone();
            std.sort_by_key(|&(key, _)| key);
            assert_eq!(ours, std, "length {len}");
            let mut whole = items;
            sort(&mut whole);
            assert!(whole.windows(2).all(|w| w[0] <= w[1]), "length {len}");
        }
    }
}
