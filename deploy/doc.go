// Package deploy holds Partner Coach's deployment files: the Slack app
// manifest, docker compose and Kubernetes manifests. It has no code; its
// tests check the files against the code (probes, variables, scopes) and
// build the binary the way the Dockerfile does.
package deploy
