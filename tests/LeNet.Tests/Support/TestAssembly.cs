// libtorch runs its own thread pool on every core; tests that train must not compete with each other for them.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
