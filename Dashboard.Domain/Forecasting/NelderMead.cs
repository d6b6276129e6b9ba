namespace Dashboard.Domain.Forecasting;

/// <summary>An objective for <see cref="NelderMead"/>: the value to minimise at a point.</summary>
internal delegate double Objective(ReadOnlySpan<double> point);

/// <summary>
/// Nelder-Mead downhill simplex minimisation without derivatives (reflection 1, expansion 2, contraction ½,
/// shrink ½). Bounds are the caller's business: the models search an unconstrained space and map it onto
/// their bounded parameters.
/// </summary>
internal static class NelderMead
{
    /// <summary>Minimises <paramref name="objective"/> from <paramref name="point"/>, which holds the best point found on return.</summary>
    /// <returns>The objective at the best point.</returns>
    public static double Minimize(Objective objective, Span<double> point, double initialStep, int maxEvaluations, double relativeTolerance)
    {
        var k = point.Length;
        var vertices = new double[(k + 1) * k];
        var values = new double[k + 1];
        var centroid = new double[k];
        var trial = new double[k];
        var trial2 = new double[k];

        for (var v = 0; v <= k; v++)
        {
            var row = vertices.AsSpan(v * k, k);
            point.CopyTo(row);
            if (v > 0)
            {
                row[v - 1] += initialStep;
            }

            values[v] = objective(row);
        }

        var evaluations = k + 1;
        while (evaluations < maxEvaluations)
        {
            // Order: best, worst and second worst.
            int best = 0, worst = 0;
            for (var v = 1; v <= k; v++)
            {
                if (values[v] < values[best])
                {
                    best = v;
                }

                if (values[v] > values[worst])
                {
                    worst = v;
                }
            }

            var second = best;
            for (var v = 0; v <= k; v++)
            {
                if (v != worst && values[v] > values[second])
                {
                    second = v;
                }
            }

            if (Math.Abs(values[worst] - values[best]) <= relativeTolerance * (Math.Abs(values[best]) + 1e-12))
            {
                break;
            }

            centroid.AsSpan().Clear();
            for (var v = 0; v <= k; v++)
            {
                if (v == worst)
                {
                    continue;
                }

                var row = vertices.AsSpan(v * k, k);
                for (var i = 0; i < k; i++)
                {
                    centroid[i] += row[i] / k;
                }
            }

            var worstRow = vertices.AsSpan(worst * k, k);
            Move(centroid, worstRow, -1, trial);
            var reflected = objective(trial);
            evaluations++;
            if (reflected < values[best])
            {
                Move(centroid, worstRow, -2, trial2);
                var expanded = objective(trial2);
                evaluations++;
                if (expanded < reflected)
                {
                    Accept(worstRow, trial2, ref values[worst], expanded);
                }
                else
                {
                    Accept(worstRow, trial, ref values[worst], reflected);
                }

                continue;
            }

            if (reflected < values[second])
            {
                Accept(worstRow, trial, ref values[worst], reflected);
                continue;
            }

            // Contract towards the better of the worst point and its reflection.
            var outside = reflected < values[worst];
            Move(centroid, worstRow, outside ? -0.5 : 0.5, trial2);
            var contracted = objective(trial2);
            evaluations++;
            if (contracted < Math.Min(reflected, values[worst]))
            {
                Accept(worstRow, trial2, ref values[worst], contracted);
                continue;
            }

            // Shrink everything towards the best point.
            var bestRow = vertices.AsSpan(best * k, k);
            for (var v = 0; v <= k; v++)
            {
                if (v == best)
                {
                    continue;
                }

                var row = vertices.AsSpan(v * k, k);
                for (var i = 0; i < k; i++)
                {
                    row[i] = bestRow[i] + (0.5 * (row[i] - bestRow[i]));
                }

                values[v] = objective(row);
                evaluations++;
            }
        }

        var bestIndex = 0;
        for (var v = 1; v <= k; v++)
        {
            if (values[v] < values[bestIndex])
            {
                bestIndex = v;
            }
        }

        vertices.AsSpan(bestIndex * k, k).CopyTo(point);
        return values[bestIndex];
    }

    // trial = centroid + coefficient × (vertex − centroid); −1 reflects, −2 expands, ±½ contracts.
    private static void Move(double[] centroid, ReadOnlySpan<double> vertex, double coefficient, double[] trial)
    {
        for (var i = 0; i < centroid.Length; i++)
        {
            trial[i] = centroid[i] + (coefficient * (vertex[i] - centroid[i]));
        }
    }

    private static void Accept(Span<double> row, double[] point, ref double value, double newValue)
    {
        point.CopyTo(row);
        value = newValue;
    }
}
