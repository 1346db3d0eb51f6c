package backup

import (
	"context"
	"time"

	"k8s.io/client-go/util/workqueue"
	"sigs.k8s.io/controller-runtime/pkg/builder"
	"sigs.k8s.io/controller-runtime/pkg/client"
	"sigs.k8s.io/controller-runtime/pkg/controller"
	"sigs.k8s.io/controller-runtime/pkg/manager"
	"sigs.k8s.io/controller-runtime/pkg/reconcile"

	api "example.com/psmdb-sample/pkg/apis/psmdb/v1"
)

// requeueBackup is how often a running backup is polled.
const requeueBackup = 5 * time.Second

// ReconcilePerconaServerMongoDBBackup reconciles PerconaServerMongoDBBackup objects.
type ReconcilePerconaServerMongoDBBackup struct {
	client client.Client
}

// Add registers the controller with the manager.
func Add(mgr manager.Manager) error {
	return builder.ControllerManagedBy(mgr).
		For(&api.PerconaServerMongoDBBackup{}).
		Named("psmdb-backup-controller").
		WithOptions(controller.Options{
			RateLimiter: workqueue.NewTypedItemExponentialFailureRateLimiter[reconcile.Request](time.Second, 5*time.Minute),
		}).
		Complete(&ReconcilePerconaServerMongoDBBackup{client: mgr.GetClient()})
}

// requeueIn asks for the backup to be reconciled again after d.
func requeueIn(d time.Duration) reconcile.Result {
	return reconcile.Result{RequeueAfter: d}
}

// Reconcile polls a backup until it is done.
func (r *ReconcilePerconaServerMongoDBBackup) Reconcile(ctx context.Context, req reconcile.Request) (reconcile.Result, error) {
	bcp := &api.PerconaServerMongoDBBackup{}
	if err := r.client.Get(ctx, req.NamespacedName, bcp); err != nil {
		return requeueIn(30 * time.Second), nil
	}
	if bcp.Status.State == api.BackupStateReady {
		return reconcile.Result{}, nil
	}
	return requeueIn(requeueBackup), nil
}
