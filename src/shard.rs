//! `--shard K/N`: one machine's share of a run, so N machines (or an array job) split a folder.
//!
//! Input: the discovered input list (already in its deterministic order). Output: the part of
//! it this shard processes. The list is cut into N contiguous runs of near-equal length
//! (sizes differ by at most one) and shard K, counted from 0, takes the K-th.
//!
//! The guarantee: when every shard is given the same arguments over the same files (or the same
//! list on stdin), every input lands in exactly one shard, and the outputs of shards 0, 1, …,
//! N−1 concatenated in that order are byte for byte the output of the unsharded run (apart from
//! the timing fields, which differ between any two runs), exit status aside.
//!
//! Why contiguous ranges and not a hash of each path: a hash also splits disjointly and does
//! not need the whole list, but the shards' outputs then interleave, and putting them back into
//! the single-machine order needs a merge on the original position. Ranges give that order by
//! plain concatenation (`cat out-*.jsonl`). The price is that every shard must see the same
//! list; when files may arrive while the shards start, freeze the list first
//! (`find … | sort > list`, then `postocr - --shard K/N < list`).

use std::fmt;
use std::ops::Range;
use std::str::FromStr;

/// Shard `index` of `count` (0 ≤ index < count).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    pub index: usize,
    pub count: usize,
}

impl Shard {
    /// Positions of this shard's inputs in a list of `len`.
    pub fn range(&self, len: usize) -> Range<usize> {
        let at = |k: usize| (len as u128 * k as u128 / self.count as u128) as usize;
        at(self.index)..at(self.index + 1)
    }

    /// This shard's part of `items`, order kept.
    pub fn select<T>(&self, mut items: Vec<T>) -> Vec<T> {
        let r = self.range(items.len());
        items.truncate(r.end);
        items.drain(..r.start);
        items
    }
}

impl FromStr for Shard {
    type Err = String;

    fn from_str(s: &str) -> Result<Shard, String> {
        let bad = || format!("'{s}' is not a shard like 0/4 (K/N with 0 <= K < N)");
        let (k, n) = s.split_once('/').ok_or_else(bad)?;
        let index: usize = k.trim().parse().map_err(|_| bad())?;
        let count: usize = n.trim().parse().map_err(|_| bad())?;
        if count == 0 || index >= count {
            return Err(format!(
                "{}: shards are counted from 0, so K must be below N",
                bad()
            ));
        }
        Ok(Shard { index, count })
    }
}

impl fmt::Display for Shard {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.index, self.count)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shards_partition_the_list_in_order() {
        for len in [0usize, 1, 2, 5, 7, 100, 1001] {
            for count in [1usize, 2, 3, 4, 10] {
                let all: Vec<usize> = (0..len).collect();
                let parts: Vec<Vec<usize>> = (0..count)
                    .map(|index| Shard { index, count }.select(all.clone()))
                    .collect();
                assert_eq!(parts.concat(), all, "len {len}, {count} shards");
                let sizes: Vec<usize> = parts.iter().map(Vec::len).collect();
                let (min, max) = (sizes.iter().min().unwrap(), sizes.iter().max().unwrap());
                assert!(max - min <= 1, "balanced: {sizes:?}");
            }
        }
    }

    #[test]
    fn parses_k_of_n_counted_from_zero() {
        assert_eq!("2/5".parse::<Shard>(), Ok(Shard { index: 2, count: 5 }));
        assert_eq!("0/1".parse::<Shard>().unwrap().to_string(), "0/1");
        for bad in ["5/5", "1/0", "1", "a/b", "-1/3", "1/3/4"] {
            assert!(bad.parse::<Shard>().is_err(), "{bad}");
        }
    }
}
