package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/partnercoach/partnercoach/sandbox"
)

// runSandbox runs the offline sandbox: the Slack simulator, the embedded
// store and the bot in this process, and a Slack-like page on --addr.
func runSandbox(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("partnercoach sandbox", flag.ContinueOnError)
	fs.SetOutput(stderr)
	addr := fs.String("addr", "127.0.0.1:8080", "listen address of the sandbox page")
	data := fs.String("data", "", "embedded store file, kept between runs (default: a temporary file removed on exit)")
	demo := fs.Bool("demo", false, "add demo partners, a ledger, a webinar and a checklist at start, by typing /partner commands")
	fs.Usage = func() {
		fmt.Fprint(stderr, "Usage: partnercoach sandbox [--addr 127.0.0.1:8080] [--data FILE] [--demo]\n\n"+
			"Runs Partner Coach offline: a simulated Slack workspace, the embedded store and the\n"+
			"real bot in one process, with a Slack-like page in your browser. No Slack app needed.\n\n")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitUsage
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "partnercoach sandbox: unexpected argument %q\n", fs.Arg(0))
		fs.Usage()
		return exitUsage
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	logger := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	sb, err := sandbox.Start(ctx, sandbox.Options{Addr: *addr, DataPath: *data, Demo: *demo, Version: version, Logger: logger})
	if aerr := (*sandbox.AddrError)(nil); errors.As(err, &aerr) {
		fmt.Fprintf(stderr, "partnercoach sandbox: %v\n", aerr)
		return exitUsage
	}
	if err != nil {
		fmt.Fprintf(stderr, "partnercoach sandbox: %v\n", err)
		return exitFailure
	}
	fmt.Fprintf(stdout, "Partner Coach sandbox: open %s in your browser (Ctrl-C to stop)\n", sb.URL())
	runErr := sb.Serve(ctx)
	stop()
	closeCtx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	closeErr := sb.Close(closeCtx)
	if runErr != nil || closeErr != nil {
		fmt.Fprintf(stderr, "partnercoach sandbox: %v\n", errors.Join(runErr, closeErr))
		return exitFailure
	}
	return exitOK
}
