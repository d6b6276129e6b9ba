# R forecast::ets and forecast::thetaf on the operations traces' rolling origins: the baselines the data set's
# protocol names. Usage: Rscript ops.R TRAIN_CSV OUT_CSV [CORES]
# TRAIN_CSV (written by `ForecastBench ops-prepare`): id,horizon,v1,v2,... one row per (trace, origin), ragged.
# Each row becomes ts(frequency = 24); ets() picks its model by AICc; thetaf() is the M3/M4 Theta method.
# Output (long): id,method,h,mean,lo95,hi95,model,seconds.
suppressPackageStartupMessages({
  library(forecast)
  library(parallel)
})

args <- commandArgs(trailingOnly = TRUE)
if (length(args) < 2) stop("usage: Rscript ops.R TRAIN_CSV OUT_CSV [CORES]")
cores <- if (length(args) >= 3) as.integer(args[3]) else detectCores()

lines <- readLines(args[1])[-1]
rows <- strsplit(lines, ",", fixed = TRUE)

fit_one <- function(row) {
  id <- row[1]
  horizon <- as.integer(row[2])
  values <- as.numeric(row[-(1:2)])
  values <- values[!is.na(values)]
  y <- ts(values, frequency = 24)
  one <- function(method, fit_forecast) {
    started <- proc.time()[["elapsed"]]
    result <- fit_forecast()
    seconds <- proc.time()[["elapsed"]] - started
    data.frame(
      id = id, method = method, h = seq_len(horizon),
      mean = as.numeric(result$fc$mean), lo95 = as.numeric(result$fc$lower[, 1]), hi95 = as.numeric(result$fc$upper[, 1]),
      model = result$model, seconds = seconds, stringsAsFactors = FALSE)
  }
  rbind(
    one("ets", function() {
      fit <- ets(y)
      list(fc = forecast(fit, h = horizon, level = 95), model = fit$method)
    }),
    one("theta", function() list(fc = thetaf(y, h = horizon, level = 95), model = "Theta")))
}

started <- proc.time()[["elapsed"]]
parts <- mclapply(rows, fit_one, mc.cores = cores, mc.preschedule = FALSE)
failed <- vapply(parts, function(p) inherits(p, "try-error") || !is.data.frame(p), logical(1))
if (any(failed)) stop(sprintf("R failed on %d rows, first: %s", sum(failed), rows[[which(failed)[1]]][1]))
write.csv(do.call(rbind, parts), args[2], row.names = FALSE)
cat(sprintf("ets and thetaf: %d origins in %.1f s wall on %d cores (forecast %s, %s)\n",
            length(rows), proc.time()[["elapsed"]] - started, cores,
            as.character(packageVersion("forecast")), R.version.string))
