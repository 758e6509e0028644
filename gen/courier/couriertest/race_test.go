//go:build race

package couriertest

func init() { raceEnabled = true }
