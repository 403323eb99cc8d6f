namespace EmailConnector.Emulator.Metadata;

public enum OwnershipType
{
    None,
    UserOwned,
    OrganizationOwned,
    BusinessOwned,
}
