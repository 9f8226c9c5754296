# syntax=docker/dockerfile:1
# Partner Coach: a static binary on a distroless, non-root base.
#   docker build --build-arg VERSION=$(git describe --tags --always) -t partnercoach .
# deploy/deploy_test.go runs this file's `go build` line as written and checks
# the binary (static, version stamped, time zones embedded).

FROM golang:1.26 AS build
WORKDIR /src
# Modules first, so code changes do not re-download them.
COPY go.mod go.sum ./
RUN go mod download
COPY . .
ARG VERSION=dev
# CGO off: a static binary that runs on distroless/static (no libc).
# Time zone data is embedded by main's import of time/tzdata.
RUN CGO_ENABLED=0 go build -trimpath -ldflags "-s -w -X main.version=${VERSION}" -o /out/partnercoach ./cmd/partnercoach
# The embedded store's directory, created here because the final image has no
# shell; nonroot (65532) must own it to write the data file.
RUN mkdir -p /out/data

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/partnercoach /partnercoach
COPY --from=build --chown=65532:65532 /out/data /data
ENV DATA_PATH=/data/partnercoach.db \
    HTTP_ADDR=:8080
USER nonroot:nonroot
EXPOSE 8080
VOLUME /data
# distroless has no curl or wget: the binary probes its own /healthz.
HEALTHCHECK --interval=30s --timeout=5s --start-period=15s --retries=3 CMD ["/partnercoach", "healthcheck"]
ENTRYPOINT ["/partnercoach"]
