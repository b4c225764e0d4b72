// Command benchtable prints the rows `make bench` recorded as one table, and exits
// non-zero when a target was missed or nothing was recorded.
package main

import (
	"fmt"
	"os"

	"github.com/primehub/primehub/test/bench/summary"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: benchtable <summary file>")
		os.Exit(2)
	}
	f, err := os.Open(os.Args[1])
	if err != nil {
		fmt.Fprintf(os.Stderr, "benchtable: no figures recorded: %v\n", err)
		os.Exit(1)
	}
	defer f.Close()
	rows, err := summary.Read(f)
	if err != nil {
		fmt.Fprintf(os.Stderr, "benchtable: %s: %v\n", os.Args[1], err)
		os.Exit(1)
	}
	failed, err := summary.Table(os.Stdout, rows)
	if err != nil {
		fmt.Fprintf(os.Stderr, "benchtable: %v\n", err)
		os.Exit(1)
	}
	fmt.Printf("\n%d figures, %d missed their target\n", len(rows), failed)
	if failed > 0 || len(rows) == 0 {
		os.Exit(1)
	}
}
