package main

import (
	"flag"
	"os"
	"time"

	ctrl "sigs.k8s.io/controller-runtime"
	"sigs.k8s.io/controller-runtime/pkg/cache"

	"example.com/psmdb-sample/pkg/controller/backup"
	"example.com/psmdb-sample/pkg/controller/psmdb"
)

func main() {
	var syncPeriod time.Duration
	flag.DurationVar(&syncPeriod, "sync-period", 10*time.Hour, "how often every object is resynced")
	flag.Parse()

	mgr, err := ctrl.NewManager(ctrl.GetConfigOrDie(), ctrl.Options{
		Cache: cache.Options{SyncPeriod: &syncPeriod},
	})
	if err != nil {
		os.Exit(1)
	}
	if err := psmdb.Add(mgr); err != nil {
		os.Exit(1)
	}
	if err := backup.Add(mgr); err != nil {
		os.Exit(1)
	}
	if err := mgr.Start(ctrl.SetupSignalHandler()); err != nil {
		os.Exit(1)
	}
}
