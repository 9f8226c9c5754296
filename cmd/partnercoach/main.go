// Command partnercoach runs the Partner Coach Slack bot.
//
// Configuration comes from the environment only (see `partnercoach --help`);
// it is read once, here, and passed to internal/app as plain values.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	// Time zones must work on any base image, including scratch and
	// distroless ones without /usr/share/zoneinfo.
	_ "time/tzdata"

	"github.com/partnercoach/partnercoach/internal/app"
	"github.com/partnercoach/partnercoach/internal/ops"
)

// version is stamped at build time: -ldflags "-X main.version=v1.2.3".
var version = "dev"

// Exit codes.
const (
	exitOK      = 0
	exitFailure = 1 // startup or runtime failure
	exitUsage   = 2 // bad command line or configuration
)

func main() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) }

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		return serve(stderr)
	}
	switch args[0] {
	case "help", "-h", "-help", "--help":
		printUsage(stdout)
		return exitOK
	case "version", "-version", "--version":
		fmt.Fprintln(stdout, versionString())
		return exitOK
	case "healthcheck":
		return healthcheck(stderr)
	case "sandbox":
		return runSandbox(args[1:], stdout, stderr)
	default:
		fmt.Fprintf(stderr, "partnercoach: unknown command or flag %q\n\n", args[0])
		printUsage(stderr)
		return exitUsage
	}
}

// serve runs the bot until SIGINT or SIGTERM, then shuts down in order.
func serve(stderr io.Writer) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	cfg, err := app.LoadConfig(os.LookupEnv)
	if err != nil {
		fmt.Fprintf(stderr, "partnercoach: %v\n", err)
		return exitUsage
	}
	cfg.Version = version
	logger := app.NewLogger(cfg, stderr)

	a, err := app.New(ctx, cfg, logger)
	if err != nil {
		logger.Error("startup failed", "error", err)
		return exitFailure
	}
	runErr := a.Run(ctx)
	stop() // from here a second Ctrl-C kills the process at once

	closeCtx, cancel := context.WithTimeout(context.Background(), cfg.ShutdownTimeout)
	defer cancel()
	closeErr := a.Close(closeCtx)
	var te *app.TokenError
	if errors.As(runErr, &te) {
		// A token Slack refuses is a configuration mistake: name it.
		logger.Error("startup failed", "error", te.Error())
		return exitUsage
	}
	if runErr != nil || closeErr != nil {
		if runErr != nil {
			logger.Error("stopped on an error", "error", runErr)
		}
		if closeErr != nil {
			logger.Error("shutdown incomplete", "error", closeErr)
		}
		return exitFailure
	}
	logger.Info("stopped")
	return exitOK
}

// healthcheck backs the container HEALTHCHECK. It needs only HTTP_ADDR, not
// the whole configuration, so a probe never fails on an unrelated variable.
func healthcheck(stderr io.Writer) int {
	if err := ops.Probe(context.Background(), app.HTTPAddr(os.LookupEnv)); err != nil {
		fmt.Fprintf(stderr, "partnercoach healthcheck: %v\n", err)
		return exitFailure
	}
	return exitOK
}

func printUsage(w io.Writer) {
	fmt.Fprint(w, `Usage: partnercoach [command]

Commands:
  (none)        run the bot: Socket Mode, reminders, and the ops server on HTTP_ADDR
  sandbox       try it offline, no Slack workspace needed: a simulated Slack, the
                embedded store and the real bot, in your browser at --addr
                (default 127.0.0.1:8080); --data FILE keeps the store, --demo adds
                demo data; the variables below do not apply to it
  version       print the version and exit
  healthcheck   GET /healthz on this machine's HTTP_ADDR; exit 0 if it answers 200
  help          print this help

Configuration is read from the environment. An empty variable takes its
default, except HTTP_ADDR: empty turns the ops server off.

`)
	_ = app.WriteUsage(w)
}
