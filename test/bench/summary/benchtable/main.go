// Command benchtable prints the rows `make bench` recorded as one table, and exits
// non-zero when a target was missed (but for floors above their targets) or nothing was
// recorded.
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
	atFloor := 0
	for _, r := range rows {
		if r.AtFloor() {
			atFloor++
		}
	}
	fmt.Printf("\n%d figures, %d missed their target, %d more have their floor above it\n", len(rows), failed, atFloor)
	if failed > 0 || len(rows) == 0 {
		os.Exit(1)
	}
}
