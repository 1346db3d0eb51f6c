package psmdb

import (
	"context"
	"os"
	"time"

	k8serrors "k8s.io/apimachinery/pkg/api/errors"
	"sigs.k8s.io/controller-runtime/pkg/builder"
	"sigs.k8s.io/controller-runtime/pkg/client"
	"sigs.k8s.io/controller-runtime/pkg/manager"
	"sigs.k8s.io/controller-runtime/pkg/reconcile"

	api "example.com/psmdb-sample/pkg/apis/psmdb/v1"
)

// initPollInterval is how often a cluster that is still initializing is checked.
const initPollInterval = 2 * time.Second

// ReconcilePerconaServerMongoDB reconciles PerconaServerMongoDB objects.
type ReconcilePerconaServerMongoDB struct {
	client      client.Client
	reconcileIn time.Duration
}

// Add registers the controller with the manager.
func Add(mgr manager.Manager) error {
	r := newReconciler(mgr)
	return builder.ControllerManagedBy(mgr).
		For(&api.PerconaServerMongoDB{}).
		Named("psmdb-controller").
		Complete(r)
}

func newReconciler(mgr manager.Manager) *ReconcilePerconaServerMongoDB {
	return &ReconcilePerconaServerMongoDB{
		client:      mgr.GetClient(),
		reconcileIn: getReconcileInterval(),
	}
}

// getReconcileInterval reads RECONCILE_INTERVAL; 5 s when unset, invalid or shorter.
func getReconcileInterval() time.Duration {
	defaultInterval := 5 * time.Second
	interval := os.Getenv("RECONCILE_INTERVAL")
	if interval == "" {
		return defaultInterval
	}
	d, err := time.ParseDuration(interval)
	if err != nil || d < defaultInterval {
		return defaultInterval
	}
	return d
}

// Reconcile brings a cluster to its spec and checks it again after reconcileIn.
func (r *ReconcilePerconaServerMongoDB) Reconcile(ctx context.Context, req reconcile.Request) (reconcile.Result, error) {
	rr := reconcile.Result{
		RequeueAfter: r.reconcileIn,
	}

	cr := &api.PerconaServerMongoDB{}
	if err := r.client.Get(ctx, req.NamespacedName, cr); err != nil {
		if k8serrors.IsNotFound(err) {
			return reconcile.Result{}, nil
		}
		return rr, err
	}

	if cr.Status.State == api.AppStateInit {
		return reconcile.Result{RequeueAfter: initPollInterval}, nil
	}

	if err := r.reconcileReplsets(ctx, cr); err != nil {
		return reconcile.Result{}, err
	}
	return rr, nil
}

func (r *ReconcilePerconaServerMongoDB) reconcileReplsets(ctx context.Context, cr *api.PerconaServerMongoDB) error {
	return nil
}
