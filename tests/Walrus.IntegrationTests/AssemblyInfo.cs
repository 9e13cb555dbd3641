// Every test class brings up a whole network (anvil and several node processes); on a small machine they run one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
