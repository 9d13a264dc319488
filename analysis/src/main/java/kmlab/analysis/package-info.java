/**
 * The analysis of a results folder: audit first, then paired ratios with bootstrap confidence
 * intervals, the parallel crossover, the thread sweep, kernel GFLOP/s, plots and the report.
 */
package kmlab.analysis;
