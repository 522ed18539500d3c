using System;
using System.Collections.Immutable;

namespace AwsBestPractice.Analyzers.Infrastructure;

/// <summary>
/// The AWS model's error facts that the SDK's symbols do not carry: which modeled exception types and <c>ErrorCode</c> values
/// are 4xx client errors (they fail the same way again) and which are throttling or server errors (worth retrying). The SDK's
/// exception types carry no status (v3 and v4 alike), so these are names. <see cref="AwsErrorClassification"/> reads them.
/// </summary>
internal static class AwsErrors
{
    /// <summary>Modeled exceptions that are 4xx client errors in every AWS service that defines them.</summary>
    public static readonly ImmutableHashSet<string> ClientErrorTypeNames = ImmutableHashSet.Create(
        StringComparer.Ordinal,
        "ResourceNotFoundException",
        "ConditionalCheckFailedException",
        "ValidationException",
        "AccessDeniedException",
        "InvalidRequestException",
        "InvalidParameterException",
        "InvalidParameterValueException",
        "NotFoundException",
        "NoSuchKeyException",
        "NoSuchBucketException",
        "NoSuchUploadException",
        "NoSuchAccesspointException",
        "BucketAlreadyExistsException",
        "BucketAlreadyOwnedByYouException",
        "TableNotFoundException",
        "IndexNotFoundException",
        "TableAlreadyExistsException",
        "QueueDoesNotExistException",
        "QueueNameExistsException",
        "ReceiptHandleIsInvalidException",
        "InvalidMessageContentsException",
        "InvalidAttributeNameException",
        "InvalidAttributeValueException");

    /// <summary>Modeled exceptions for throttling and server errors: retrying them is right.</summary>
    public static readonly ImmutableHashSet<string> ServerOrThrottlingTypeNames = ImmutableHashSet.Create(
        StringComparer.Ordinal,
        "ProvisionedThroughputExceededException",
        "RequestLimitExceededException",
        "LimitExceededException",
        "TooManyRequestsException",
        "SlowDownException",
        "InternalServerErrorException",
        "InternalServerException",
        "InternalServiceErrorException",
        "InternalFailureException",
        "InternalErrorException",
        "ServiceUnavailableException",
        "ServiceException");

    /// <summary><c>ErrorCode</c> values of 4xx client errors.</summary>
    public static readonly ImmutableHashSet<string> ClientErrorCodes = ImmutableHashSet.Create(
        StringComparer.Ordinal,
        "ResourceNotFoundException", "ConditionalCheckFailedException", "ValidationException", "AccessDenied", "AccessDeniedException",
        "NoSuchKey", "NoSuchBucket", "NoSuchUpload", "NotFound", "InvalidParameterValue", "InvalidParameterValueException",
        "InvalidParameterCombination", "MissingParameter", "InvalidRequest", "InvalidRequestException", "UnrecognizedClientException",
        "InvalidAccessKeyId", "SignatureDoesNotMatch", "AWS.SimpleQueueService.NonExistentQueue", "QueueDoesNotExist",
        "BucketAlreadyExists", "BucketAlreadyOwnedByYou", "MalformedPolicyDocument", "InvalidClientTokenId", "IncompleteSignature");

    /// <summary><c>ErrorCode</c> values of throttling and server errors.</summary>
    public static readonly ImmutableHashSet<string> ServerOrThrottlingErrorCodes = ImmutableHashSet.Create(
        StringComparer.Ordinal,
        "Throttling", "ThrottlingException", "ThrottledException", "RequestThrottled", "RequestThrottledException",
        "TooManyRequestsException", "ProvisionedThroughputExceededException", "RequestLimitExceeded", "SlowDown",
        "PriorRequestNotComplete", "TransactionInProgressException", "BandwidthLimitExceeded", "LimitExceededException",
        "EC2ThrottledException", "RequestThrottledException", "InternalError", "InternalFailure", "InternalServerError",
        "InternalServerErrorException", "ServiceUnavailable", "ServiceUnavailableException", "RequestTimeout",
        "RequestTimeoutException");

    /// <summary>
    /// An error code or exception type name that means "does not exist (yet)": <c>NotFound</c> (S3's HEAD), <c>NoSuchKey</c>,
    /// <c>NoSuchBucket</c>, <c>ResourceNotFoundException</c>, <c>TableNotFoundException</c>, <c>NotFoundException</c>…
    /// </summary>
    public static bool IsNotFoundName(string name)
        => name.IndexOf("NotFound", StringComparison.Ordinal) >= 0
           || name.StartsWith("NoSuchKey", StringComparison.Ordinal)
           || name.StartsWith("NoSuchBucket", StringComparison.Ordinal)
           || name == "404";
}
