//! k-means++ seeding and Lloyd's algorithm, step for step as the NumPy reference
//! (peers/python/numpy_fit.py), with per-point loops instead of an n x k matrix.
//! With `parallel`, the assignment step is a Rayon `par_iter` over the points and the
//! update step a `fold`/`reduce` of per-cluster sums; seeding stays serial.

use crate::data::DataPoint;
use crate::rng::SplitMix64;
use rayon::prelude::*;

pub const MAX_ITER: usize = 300;
pub const TOL: f64 = 1e-4;

pub struct Fit {
    pub labels: Vec<usize>,
    pub centroids: Vec<Vec<f64>>,
    pub inertia: f64,
    pub iterations: usize,
    pub converged: bool,
}

pub fn squared_distance(a: &[f64], b: &[f64]) -> f64 {
    let mut sum = 0.0;
    for (x, y) in a.iter().zip(b) {
        let t = x - y;
        sum += t * t;
    }
    sum
}

/// Index of the nearest centre (the first one on a tie, as NumPy's argmin).
pub fn nearest(features: &[f64], centroids: &[Vec<f64>]) -> usize {
    let mut best = 0;
    let mut best_distance = f64::INFINITY;
    for (c, centre) in centroids.iter().enumerate() {
        let distance = squared_distance(features, centre);
        if distance < best_distance {
            best_distance = distance;
            best = c;
        }
    }
    best
}

/// tol * the mean over features of each feature's (population) variance, scikit-learn's rule.
pub fn tolerance(points: &[DataPoint], tol: f64) -> f64 {
    let n = points.len() as f64;
    let d = points[0].features.len();
    let mut mean = vec![0.0; d];
    for p in points {
        for (m, x) in mean.iter_mut().zip(&p.features) {
            *m += x;
        }
    }
    for m in mean.iter_mut() {
        *m /= n;
    }
    let mut var = vec![0.0; d];
    for p in points {
        for ((v, x), m) in var.iter_mut().zip(&p.features).zip(&mean) {
            *v += (x - m) * (x - m);
        }
    }
    tol * var.iter().map(|v| v / n).sum::<f64>() / d as f64
}

/// Standard k-means++ (Arthur & Vassilvitskii): the first centre uniform, each next one
/// drawn with probability proportional to its squared distance to the nearest chosen centre.
pub fn kmeans_plus_plus(points: &[DataPoint], k: usize, rng: &mut SplitMix64) -> Vec<Vec<f64>> {
    let n = points.len();
    let mut centroids = Vec::with_capacity(k);
    centroids.push(points[rng.index(n)].features.clone());
    let mut closest: Vec<f64> = points.iter().map(|p| squared_distance(&p.features, &centroids[0])).collect();
    while centroids.len() < k {
        let total: f64 = closest.iter().sum();
        let i = if total > 0.0 {
            let r = rng.uniform() * total;
            let mut cumulative = 0.0;
            let mut pick = None;
            for (i, &distance) in closest.iter().enumerate() {
                cumulative += distance;
                if cumulative > r {
                    pick = Some(i);
                    break;
                }
            }
            // rounding put the draw at the very top: take the last candidate
            pick.unwrap_or_else(|| closest.iter().rposition(|&c| c > 0.0).unwrap_or(n - 1))
        } else {
            rng.index(n) // every point sits on a centre already (fewer distinct points than k)
        };
        let centre = points[i].features.clone();
        for (c, p) in closest.iter_mut().zip(points) {
            let distance = squared_distance(&p.features, &centre);
            if distance < *c {
                *c = distance;
            }
        }
        centroids.push(centre);
    }
    centroids
}

pub fn assign(points: &[DataPoint], centroids: &[Vec<f64>], parallel: bool) -> Vec<usize> {
    if parallel {
        points.par_iter().map(|p| nearest(&p.features, centroids)).collect()
    } else {
        points.iter().map(|p| nearest(&p.features, centroids)).collect()
    }
}

type Sums = (Vec<Vec<f64>>, Vec<usize>);

fn add_point(mut acc: Sums, p: &DataPoint, label: usize) -> Sums {
    acc.1[label] += 1;
    for (s, x) in acc.0[label].iter_mut().zip(&p.features) {
        *s += x;
    }
    acc
}

/// Means of each cluster's points; an empty cluster keeps its old centre.
pub fn update_centroids(points: &[DataPoint], labels: &[usize], old: &[Vec<f64>], parallel: bool) -> Vec<Vec<f64>> {
    let (k, d) = (old.len(), old[0].len());
    let zero = || (vec![vec![0.0; d]; k], vec![0usize; k]);
    let (sums, counts) = if parallel {
        points
            .par_iter()
            .zip(labels.par_iter())
            .fold(zero, |acc, (p, &l)| add_point(acc, p, l))
            .reduce(zero, |mut a, b| {
                for (sa, sb) in a.0.iter_mut().zip(&b.0) {
                    for (x, y) in sa.iter_mut().zip(sb) {
                        *x += y;
                    }
                }
                for (ca, cb) in a.1.iter_mut().zip(&b.1) {
                    *ca += cb;
                }
                a
            })
    } else {
        points.iter().zip(labels).fold(zero(), |acc, (p, &l)| add_point(acc, p, l))
    };
    old.iter()
        .enumerate()
        .map(|(c, centre)| {
            if counts[c] == 0 {
                centre.clone()
            } else {
                sums[c].iter().map(|s| s / counts[c] as f64).collect()
            }
        })
        .collect()
}

pub fn inertia(points: &[DataPoint], labels: &[usize], centroids: &[Vec<f64>], parallel: bool) -> f64 {
    if parallel {
        points.par_iter().zip(labels.par_iter()).map(|(p, &l)| squared_distance(&p.features, &centroids[l])).sum()
    } else {
        points.iter().zip(labels).map(|(p, &l)| squared_distance(&p.features, &centroids[l])).sum()
    }
}

/// Lloyd's algorithm from `init`: stop when the labels stop changing or the sum of squared
/// centre shifts is <= `tol_abs`, at most `max_iter` iterations.
pub fn lloyd(points: &[DataPoint], init: Vec<Vec<f64>>, tol_abs: f64, max_iter: usize, parallel: bool) -> Fit {
    let mut centroids = init;
    let mut labels = Vec::new();
    let mut labels_old: Option<Vec<usize>> = None;
    let (mut converged, mut labels_stable) = (false, false);
    let mut iterations = 0;
    for it in 1..=max_iter {
        iterations = it;
        labels = assign(points, &centroids, parallel);
        let new = update_centroids(points, &labels, &centroids, parallel);
        let shift: f64 = new.iter().zip(&centroids).map(|(a, b)| squared_distance(a, b)).sum();
        centroids = new;
        if labels_old.as_ref() == Some(&labels) {
            converged = true;
            labels_stable = true;
            break;
        }
        if shift <= tol_abs {
            converged = true;
            break;
        }
        labels_old = Some(std::mem::take(&mut labels));
    }
    if !labels_stable {
        // the labels of the last step belong to the previous centres
        labels = assign(points, &centroids, parallel);
    }
    let inertia = inertia(points, &labels, &centroids, parallel);
    Fit { labels, centroids, inertia, iterations, converged }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn points(rows: &[&[f64]]) -> Vec<DataPoint> {
        rows.iter().enumerate().map(|(i, r)| DataPoint { id: i.to_string(), features: r.to_vec() }).collect()
    }

    fn groups() -> Vec<DataPoint> {
        // three tight groups far apart, four points each
        let mut rows = Vec::new();
        for (cx, cy) in [(0.0, 0.0), (100.0, 0.0), (0.0, 100.0)] {
            for (dx, dy) in [(0.0, 0.0), (1.0, 0.0), (0.0, 1.0), (1.0, 1.0)] {
                rows.push(vec![cx + dx, cy + dy]);
            }
        }
        rows.into_iter().enumerate().map(|(i, f)| DataPoint { id: i.to_string(), features: f }).collect()
    }

    fn group_of(c: &[f64]) -> usize {
        if c[0] > 50.0 {
            1
        } else if c[1] > 50.0 {
            2
        } else {
            0
        }
    }

    #[test]
    fn kmeans_plus_plus_picks_data_points_one_per_far_group() {
        let pts = groups();
        for seed in 0..50 {
            let c = kmeans_plus_plus(&pts, 3, &mut SplitMix64::new(seed));
            assert_eq!(c.len(), 3);
            for centre in &c {
                assert!(pts.iter().any(|p| &p.features == centre), "not a data point: {centre:?}");
            }
            let mut g: Vec<usize> = c.iter().map(|x| group_of(x)).collect();
            g.sort();
            assert_eq!(g, vec![0, 1, 2], "seed {seed}");
        }
    }

    #[test]
    fn kmeans_plus_plus_is_deterministic_per_seed() {
        let pts = groups();
        let a = kmeans_plus_plus(&pts, 3, &mut SplitMix64::new(7));
        let b = kmeans_plus_plus(&pts, 3, &mut SplitMix64::new(7));
        assert_eq!(a, b);
    }

    #[test]
    fn lloyd_on_a_tiny_known_dataset() {
        let pts = points(&[&[0.0, 0.0], &[0.0, 1.0], &[10.0, 10.0], &[10.0, 11.0]]);
        let fit = lloyd(&pts, vec![vec![0.0, 0.0], vec![10.0, 10.0]], 0.0, MAX_ITER, false);
        assert_eq!(fit.labels, vec![0, 0, 1, 1]);
        assert_eq!(fit.centroids, vec![vec![0.0, 0.5], vec![10.0, 10.5]]);
        assert_eq!(fit.inertia, 1.0);
        assert!(fit.converged);
        assert_eq!(fit.iterations, 2);
    }

    #[test]
    fn empty_cluster_keeps_its_old_centre() {
        let pts = points(&[&[0.0], &[1.0], &[2.0]]);
        let fit = lloyd(&pts, vec![vec![1.0], vec![50.0]], 1e-12, MAX_ITER, false);
        assert_eq!(fit.labels, vec![0, 0, 0]);
        assert_eq!(fit.centroids, vec![vec![1.0], vec![50.0]]);
        assert_eq!(fit.inertia, 2.0);
    }

    #[test]
    fn max_iter_reached_is_not_converged() {
        let pts = groups();
        let init = vec![pts[0].features.clone(), pts[1].features.clone(), pts[2].features.clone()];
        let fit = lloyd(&pts, init, 0.0, 1, false);
        assert_eq!(fit.iterations, 1);
        assert!(!fit.converged);
    }

    #[test]
    fn parallel_gives_the_serial_answer() {
        let pts = groups();
        let tol = tolerance(&pts, TOL);
        for seed in 0..10 {
            let init = kmeans_plus_plus(&pts, 3, &mut SplitMix64::new(seed));
            let a = lloyd(&pts, init.clone(), tol, MAX_ITER, false);
            let b = lloyd(&pts, init, tol, MAX_ITER, true);
            assert_eq!(a.labels, b.labels);
            assert!((a.inertia - b.inertia).abs() < 1e-9);
        }
    }

    #[test]
    fn tolerance_is_tol_times_mean_variance() {
        let pts = points(&[&[0.0, 0.0], &[2.0, 4.0]]);
        // variances 1 and 4
        assert!((tolerance(&pts, 1.0) - 2.5).abs() < 1e-12);
    }
}
