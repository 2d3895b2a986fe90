using Rally.Cli;

return await RallyCommand.RunAsync(args);
