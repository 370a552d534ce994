using Build;

return BuildHost.Run(args);
