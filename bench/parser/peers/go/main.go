// Peer benchmark: Prometheus' own text parser (expfmt.TextParser, the one promtool and
// client_golang use) on the same file as the Dashboard benchmark.
package main

import (
	"bytes"
	"fmt"
	"os"
	"testing"

	"github.com/prometheus/common/expfmt"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: expfmt-bench <file>")
		os.Exit(2)
	}
	data, err := os.ReadFile(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	var parser expfmt.TextParser
	families, err := parser.TextToMetricFamilies(bytes.NewReader(data))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	samples := 0
	for _, f := range families {
		for _, m := range f.Metric {
			switch {
			case m.Histogram != nil:
				samples += len(m.Histogram.Bucket) + 2
			case m.Summary != nil:
				samples += len(m.Summary.Quantile) + 2
			default:
				samples++
			}
		}
	}
	result := testing.Benchmark(func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(len(data)))
		for i := 0; i < b.N; i++ {
			var p expfmt.TextParser
			if _, err := p.TextToMetricFamilies(bytes.NewReader(data)); err != nil {
				b.Fatal(err)
			}
		}
	})
	nsPerOp := float64(result.T.Nanoseconds()) / float64(result.N)
	mbPerS := float64(len(data)) / nsPerOp * 1e9 / 1e6
	fmt.Printf("expfmt: %d families, %d samples, %d bytes; %d iterations, %.1f us/op, %.1f MB/s, %d B/op, %.0f B/sample, %d allocs/op\n",
		len(families), samples, len(data), result.N, nsPerOp/1e3, mbPerS, result.AllocedBytesPerOp(),
		float64(result.AllocedBytesPerOp())/float64(samples), result.AllocsPerOp())
}
