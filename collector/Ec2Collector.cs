using Amazon.EC2.Model;
using Sec08Policy.Engine.Resources;

namespace Sec08Policy.Collector;

/// <summary>EBS volumes, the account's own snapshots and EBS encryption by default, for one Region, all pages.</summary>
internal static class Ec2Collector
{
    public static async Task<List<Resource>> Collect(Scope scope)
    {
        using var ec2 = scope.Clients.Ec2(scope.Region);
        var resources = new List<Resource>();

        var (byDefault, defaultFailure) = await scope.Try("ec2:GetEbsEncryptionByDefault", c => ec2.GetEbsEncryptionByDefaultAsync(new GetEbsEncryptionByDefaultRequest(), c)).ConfigureAwait(false);
        resources.Add(scope.New("AWS::EC2::EBSEncryptionByDefault", $"ebs-encryption-by-default/{scope.Account}/{scope.Region}", null) with
        {
            EbsEncryptionByDefault = byDefault is null ? Fact<bool>.Unknown(defaultFailure!) : Fact<bool>.Known(byDefault.EbsEncryptionByDefault == true),
        });

        var volumes = await Pages.ReadAll(
            scope, "ebs", "ec2:DescribeVolumes",
            (token, c) => ec2.DescribeVolumesAsync(new DescribeVolumesRequest { NextToken = token, MaxResults = 500 }, c),
            page => page.Volumes,
            page => page.NextToken).ConfigureAwait(false) ?? [];
        resources.AddRange(volumes.Select(v => Data(scope, "AWS::EC2::Volume", v.VolumeId, "volume", v.Encrypted, v.KmsKeyId, v.Tags)));

        var snapshots = await Pages.ReadAll(
            scope, "ebs", "ec2:DescribeSnapshots",
            (token, c) => ec2.DescribeSnapshotsAsync(new DescribeSnapshotsRequest { OwnerIds = ["self"], NextToken = token, MaxResults = 1000 }, c),
            page => page.Snapshots,
            page => page.NextToken).ConfigureAwait(false) ?? [];
        resources.AddRange(snapshots.Select(s => Data(scope, "AWS::EC2::Snapshot", s.SnapshotId, "snapshot", s.Encrypted, s.KmsKeyId, s.Tags)));
        return resources;
    }

    private static Resource Data(Scope scope, string type, string id, string arnType, bool? encrypted, string? kmsKeyId, List<Tag>? tags) =>
        scope.New(type, id, $"arn:aws:ec2:{scope.Region}:{scope.Account}:{arnType}/{id}") with
        {
            Tags = Scope.Tags(tags?.Select(t => new KeyValuePair<string, string>(t.Key, t.Value)), null),
            Encryption = encrypted switch
            {
                true => EncryptionState.Kms(Fact<string?>.Known(string.IsNullOrEmpty(kmsKeyId) ? null : kmsKeyId), "aws:kms", "alias/aws/ebs"),
                false => EncryptionState.Unencrypted,
                null => EncryptionState.Unknown($"{type} {id}: the API did not say whether it is encrypted"),
            },
        };
}
