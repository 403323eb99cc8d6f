using System;

namespace Microsoft.Xrm.Sdk;

public interface IOrganizationServiceFactory
{
    // Guid? is part of the binding signature (trap 3): null runs as SYSTEM, Guid.Empty as the calling user.
    IOrganizationService CreateOrganizationService(Guid? userId);
}
