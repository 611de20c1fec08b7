using Amazon;
using Amazon.DynamoDBv2;
using Amazon.EC2;
using Amazon.KeyManagementService;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.SecurityToken;
using Amazon.SQS;
using Sec08Policy.Collector.JsonApi;

namespace Sec08Policy.Collector;

/// <summary>
/// Creates the clients for one account and Region with the run's endpoint, timeout and retry settings: AWS SDK
/// clients, and the hand-written JSON clients (Cloud Control, Config, DAX, FSx, Glue, DLM) over the run's one HTTP client.
/// </summary>
internal sealed class ClientFactory(CollectOptions options, AWSCredentials credentials, HttpClient http)
{
    public IAmazonS3 S3(string region) => new AmazonS3Client(credentials, Configure(new AmazonS3Config
    {
        ForcePathStyle = options.EndpointUrl is not null,
        HttpClientFactory = new S3NotFoundCodes.Factory(options.CallTimeout),
    }, region));

    public IAmazonKeyManagementService Kms(string region) => new AmazonKeyManagementServiceClient(credentials, Configure(new AmazonKeyManagementServiceConfig(), region));

    public IAmazonEC2 Ec2(string region) => new AmazonEC2Client(credentials, Configure(new AmazonEC2Config(), region));

    public IAmazonDynamoDB DynamoDb(string region) => new AmazonDynamoDBClient(credentials, Configure(new AmazonDynamoDBConfig(), region));

    public IAmazonSQS Sqs(string region) => new AmazonSQSClient(credentials, Configure(new AmazonSQSConfig(), region));

    public IAmazonSecurityTokenService Sts(string region) => new AmazonSecurityTokenServiceClient(credentials, Configure(new AmazonSecurityTokenServiceConfig(), region));

    public CloudControlApi CloudControl(string region) => new(Json(JsonService.CloudControl, region));

    public ConfigApi Config(string region) => new(Json(JsonService.Config, region));

    public DaxApi Dax(string region) => new(Json(JsonService.Dax, region));

    public FsxApi Fsx(string region) => new(Json(JsonService.Fsx, region));

    public GlueApi Glue(string region) => new(Json(JsonService.Glue, region));

    public DlmApi Dlm(string region) => new(Json(JsonService.Dlm, region));

    private JsonApiClient Json(JsonService service, string region) =>
        new(service, region, JsonApiClient.EndpointFor(service, region, options.EndpointUrl), credentials, http, options.CallTimeout, options.MaxRetries);

    private T Configure<T>(T config, string region) where T : ClientConfig
    {
        if (options.EndpointUrl is { } endpoint)
        {
            config.ServiceURL = endpoint;
            config.AuthenticationRegion = region;
        }
        else
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(region);
        }

        config.Timeout = options.CallTimeout;
        config.MaxErrorRetry = options.MaxRetries;
        config.RetryMode = RequestRetryMode.Standard;
        return config;
    }
}
