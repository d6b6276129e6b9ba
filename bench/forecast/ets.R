# R forecast::ets on M4 Hourly, the reference the Dashboard Forecaster is measured against.
# Usage: Rscript ets.R TRAIN_CSV OUT_CSV [CORES]
# Each training row becomes ts(frequency = 24); ets() picks the model by AICc as in the M4 benchmark;
# forecast(h = 48, level = 95). Output (long): id,h,mean,lo95,hi95,model,seconds.
suppressPackageStartupMessages({
  library(forecast)
  library(parallel)
})

args <- commandArgs(trailingOnly = TRUE)
if (length(args) < 2) stop("usage: Rscript ets.R TRAIN_CSV OUT_CSV [CORES]")
train_csv <- args[1]
out_csv <- args[2]
cores <- if (length(args) >= 3) as.integer(args[3]) else detectCores()

train <- read.csv(train_csv, stringsAsFactors = FALSE, check.names = FALSE)
ids <- train[[1]]
horizon <- 48

fit_one <- function(i) {
  values <- as.numeric(unlist(train[i, -1], use.names = FALSE))
  values <- values[!is.na(values)]  # rows are ragged: trailing cells are empty
  started <- proc.time()[["elapsed"]]
  fit <- ets(ts(values, frequency = 24))
  fc <- forecast(fit, h = horizon, level = 95)
  seconds <- proc.time()[["elapsed"]] - started
  data.frame(
    id = ids[i], h = seq_len(horizon),
    mean = as.numeric(fc$mean), lo95 = as.numeric(fc$lower[, 1]), hi95 = as.numeric(fc$upper[, 1]),
    model = fit$method, seconds = seconds, stringsAsFactors = FALSE)
}

started <- proc.time()[["elapsed"]]
parts <- mclapply(seq_along(ids), fit_one, mc.cores = cores, mc.preschedule = FALSE)
failed <- vapply(parts, function(p) inherits(p, "try-error") || !is.data.frame(p), logical(1))
if (any(failed)) stop(sprintf("ets failed on %d series, first: %s", sum(failed), ids[which(failed)[1]]))
result <- do.call(rbind, parts)
write.csv(result, out_csv, row.names = FALSE)
cat(sprintf("ets: %d series in %.1f s wall on %d cores (forecast %s, %s)\n",
            length(ids), proc.time()[["elapsed"]] - started, cores,
            as.character(packageVersion("forecast")), R.version.string))
