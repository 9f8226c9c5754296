package ops_test

import (
	"testing"

	"github.com/partnercoach/partnercoach/internal/ops"
	dto "github.com/prometheus/client_model/go"
)

// sample finds the metric of family name whose labels include want; ok is
// false when there is none.
func sample(t *testing.T, m *ops.Metrics, name string, want map[string]string) (*dto.Metric, bool) {
	t.Helper()
	families, err := m.Registry.Gather()
	if err != nil {
		t.Fatalf("gather: %v", err)
	}
	for _, f := range families {
		if f.GetName() != name {
			continue
		}
	next:
		for _, mt := range f.GetMetric() {
			got := map[string]string{}
			for _, lp := range mt.GetLabel() {
				got[lp.GetName()] = lp.GetValue()
			}
			for k, v := range want {
				if got[k] != v {
					continue next
				}
			}
			return mt, true
		}
	}
	return nil, false
}

func counter(t *testing.T, m *ops.Metrics, name string, labels map[string]string) float64 {
	t.Helper()
	mt, ok := sample(t, m, name, labels)
	if !ok {
		return 0
	}
	return mt.GetCounter().GetValue()
}

func histogramCount(t *testing.T, m *ops.Metrics, name string, labels map[string]string) uint64 {
	t.Helper()
	mt, ok := sample(t, m, name, labels)
	if !ok {
		return 0
	}
	return mt.GetHistogram().GetSampleCount()
}
