//! Adjusted Rand index from the contingency table, in scikit-learn's pair-confusion form,
//! with exact integer arithmetic.

use std::collections::HashMap;
use std::hash::Hash;

fn codes<T: Hash + Eq + Copy>(labels: &[T]) -> Vec<usize> {
    let mut seen = HashMap::new();
    labels
        .iter()
        .map(|l| {
            let next = seen.len();
            *seen.entry(*l).or_insert(next)
        })
        .collect()
}

pub fn adjusted_rand_index<A: Hash + Eq + Copy, B: Hash + Eq + Copy>(truth: &[A], pred: &[B]) -> f64 {
    assert_eq!(truth.len(), pred.len(), "labelings differ in length");
    let (a, b) = (codes(truth), codes(pred));
    let mut table: HashMap<(usize, usize), i128> = HashMap::new();
    let mut rows = vec![0i128; a.iter().max().map_or(0, |m| m + 1)];
    let mut cols = vec![0i128; b.iter().max().map_or(0, |m| m + 1)];
    for (&i, &j) in a.iter().zip(&b) {
        *table.entry((i, j)).or_insert(0) += 1;
        rows[i] += 1;
        cols[j] += 1;
    }
    let n = a.len() as i128;
    let sum_squares: i128 = table.values().map(|v| v * v).sum();
    let rows_sq: i128 = rows.iter().map(|v| v * v).sum();
    let cols_sq: i128 = cols.iter().map(|v| v * v).sum();
    let tp = sum_squares - n;
    let fp = cols_sq - sum_squares;
    let fn_ = rows_sq - sum_squares;
    let tn = n * n - fp - fn_ - sum_squares;
    if fn_ == 0 && fp == 0 {
        return 1.0;
    }
    let num = 2.0 * (tp * tn - fn_ * fp) as f64;
    let den = ((tp + fn_) * (fn_ + tn) + (tp + fp) * (fp + tn)) as f64;
    num / den
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_values() {
        // scikit-learn's documented examples
        assert_eq!(adjusted_rand_index(&[0, 0, 1, 1], &[0, 0, 1, 1]), 1.0);
        assert_eq!(adjusted_rand_index(&[0, 0, 1, 1], &[1, 1, 0, 0]), 1.0);
        assert!((adjusted_rand_index(&[0, 0, 1, 1], &[0, 0, 1, 2]) - 0.571_428_571_428_571_5).abs() < 1e-15);
        assert_eq!(adjusted_rand_index(&[0, 0, 0, 0], &[0, 1, 2, 3]), 0.0);
        assert_eq!(adjusted_rand_index(&[0, 0, 1, 1], &[0, 1, 0, 1]), -0.5);
        assert_eq!(adjusted_rand_index(&[5i64], &[0usize]), 1.0);
    }

    #[test]
    fn value_from_scikit_learn_on_a_random_labeling() {
        // adjusted_rand_score(t, p) with scikit-learn 1.2.1 = 0.08333333333333333
        let t = [0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2];
        let p = [0, 0, 1, 1, 2, 2, 0, 0, 1, 1, 2, 2];
        assert!((adjusted_rand_index(&t, &p) - 0.083_333_333_333_333_33).abs() < 1e-15);
    }

    #[test]
    fn large_n_does_not_overflow() {
        let n = 300_000;
        let t: Vec<usize> = (0..n).map(|i| i % 7).collect();
        let p: Vec<usize> = (0..n).map(|i| (i % 7 + 3) % 7).collect();
        assert_eq!(adjusted_rand_index(&t, &p), 1.0);
        let q: Vec<usize> = (0..n).map(|i| (i / 7) % 5).collect();
        assert!(adjusted_rand_index(&t, &q).abs() < 1e-3);
    }
}
