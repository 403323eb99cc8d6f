namespace EmailConnector.Dataverse.Http;

/// <summary>What an upsert (PATCH by key) may do.</summary>
public enum UpsertBehavior
{
    /// <summary>Create the row or update it (no conditional header).</summary>
    CreateOrUpdate,

    /// <summary>Create only (<c>If-None-Match: *</c>); an existing row gives 412 <c>0x80040237</c>.</summary>
    CreateOnly,

    /// <summary>Update only (<c>If-Match: *</c>); a missing row gives 404.</summary>
    UpdateOnly,
}
