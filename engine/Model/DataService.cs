namespace Sec08Policy.Engine.Model;

/// <summary>A service a requirement can name, with the IAM prefix its actions and condition keys use.</summary>
public sealed record DataService(string Name, string IamPrefix, string DisplayName, bool StoresData);
