using System.Collections.Immutable;

namespace Sec08Policy.Engine.Model;

/// <summary>
/// A service a requirement can name: the IAM prefix its actions and condition keys use, whether it stores data, and
/// the actions that create its resources (what a preventive tag or Region control denies).
/// </summary>
public sealed record DataService(string Name, string IamPrefix, bool StoresData, ImmutableArray<string> CreateActions);
