using Amazon.EC2.Model;

namespace Sec08Policy.Collector;

/// <summary>The Regions enabled for the account (EC2 DescribeRegions), for <c>--all-regions</c>.</summary>
public static class RegionLister
{
    public static IReadOnlyList<string> EnabledRegions(CollectOptions options)
    {
        // The same credentials the collection uses: the given ones, the profile's, or the default chain.
        var credentials = Accounts.Base(options) ?? Accounts.Default();
        using var http = JsonApi.JsonApiClient.NewHttpClient();
        using var ec2 = new ClientFactory(options, credentials, http).Ec2(options.Regions[0]);
        try
        {
            var response = ec2.DescribeRegionsAsync(new DescribeRegionsRequest { AllRegions = false }).GetAwaiter().GetResult();
            return [.. (response.Regions ?? []).Select(r => r.RegionName).Order(StringComparer.Ordinal)];
        }
        catch (Exception e) when (AwsErrors.IsCallFailure(e))
        {
            throw new CollectException(AwsErrors.Describe("ec2:DescribeRegions", e), e);
        }
    }
}
