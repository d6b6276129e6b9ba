using System.Globalization;

namespace Dashboard.Bench.Forecast;

/// <summary>Reads the CSV that <c>ets.R</c> writes: one row per series and step
/// (<c>id,h,mean,lo95,hi95,model,seconds</c>).</summary>
internal static class EtsForecasts
{
    public static Dictionary<string, (PointForecast Forecast, double Seconds)> Load(string path, int horizon)
    {
        var byId = new Dictionary<string, (PointForecast, double)>();
        foreach (var line in File.ReadLines(path).Skip(1))
        {
            var cells = SplitQuoted(line);
            var id = cells[0];
            var h = int.Parse(cells[1], CultureInfo.InvariantCulture);
            if (!byId.TryGetValue(id, out var entry))
            {
                entry = (new PointForecast(new double[horizon], new double[horizon], new double[horizon], cells[5]),
                    double.Parse(cells[6], CultureInfo.InvariantCulture));
                byId[id] = entry;
            }

            entry.Item1.Mean[h - 1] = Parse(cells[2]);
            entry.Item1.Low![h - 1] = Parse(cells[3]);
            entry.Item1.High![h - 1] = Parse(cells[4]);
        }

        return byId;
    }

    // R's write.csv quotes strings, and the model name has commas in it: ETS(M,Ad,M).
    internal static string[] SplitQuoted(string line)
    {
        var cells = new List<string>();
        var cell = new System.Text.StringBuilder();
        var quoted = false;
        foreach (var c in line)
        {
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == ',' && !quoted)
            {
                cells.Add(cell.ToString());
                cell.Clear();
            }
            else
            {
                cell.Append(c);
            }
        }

        cells.Add(cell.ToString());
        return [.. cells];
    }

    private static double Parse(string cell) => double.Parse(cell, NumberStyles.Float, CultureInfo.InvariantCulture);
}
