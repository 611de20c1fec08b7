using Sec08Policy.Cli;

return CliApplication.Run(args, CliContext.FromConsole());
