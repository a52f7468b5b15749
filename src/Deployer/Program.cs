using Rollout.Deployer.Cli;

return await CommandLine.RunAsync(args, Console.Out, Console.Error);
