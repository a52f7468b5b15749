using Rollout.Benchmarks;

return BenchmarkCatalog.Run(args, Console.Out);
