using System.Globalization;

namespace Dashboard.Bench.Forecast;

/// <summary>One M4 series: its id, the training values and the held-out test values.</summary>
internal sealed record M4Series(string Id, double[] Train, double[] Test)
{
    /// <summary>Reads <c>{prefix}-train.csv</c> and <c>{prefix}-test.csv</c> (M4 layout: a header row, then
    /// <c>"id","v1","v2",...</c>; training rows are ragged and end in empty cells).</summary>
    public static IReadOnlyList<M4Series> Load(string directory, string prefix)
    {
        var train = ReadRows(Path.Combine(directory, $"{prefix}-train.csv"));
        var test = ReadRows(Path.Combine(directory, $"{prefix}-test.csv"));
        if (train.Count != test.Count)
        {
            throw new InvalidDataException($"{train.Count} training rows but {test.Count} test rows.");
        }

        var series = new List<M4Series>(train.Count);
        for (var i = 0; i < train.Count; i++)
        {
            if (train[i].Id != test[i].Id)
            {
                throw new InvalidDataException($"Row {i + 1}: training id {train[i].Id}, test id {test[i].Id}.");
            }

            series.Add(new M4Series(train[i].Id, train[i].Values, test[i].Values));
        }

        return series;
    }

    private static List<(string Id, double[] Values)> ReadRows(string path)
    {
        var rows = new List<(string, double[])>();
        foreach (var line in File.ReadLines(path).Skip(1))
        {
            if (line.Length == 0)
            {
                continue;
            }

            var cells = line.Split(',');
            var values = new List<double>(cells.Length - 1);
            for (var c = 1; c < cells.Length; c++)
            {
                var cell = cells[c].Trim('"');
                if (cell.Length == 0)
                {
                    break; // ragged row: the rest is padding
                }

                values.Add(double.Parse(cell, NumberStyles.Float, CultureInfo.InvariantCulture));
            }

            rows.Add((cells[0].Trim('"'), values.ToArray()));
        }

        return rows;
    }
}
