namespace EmailConnector.Emulator.Tests.Support;

/// <summary>
/// Writes a small unpacked solution (SolutionPackager layout, element names as in real exports) into a temp folder:
/// a custom queue table with an alternate key and a lookup to contact, a custom column and a new channel option on
/// system tables, a global choice, an N:N, a step with an image, its plugin assembly data, and a custom API.
/// </summary>
internal sealed class FixtureSolution : IDisposable
{
    public const string PluginTypeId = "5b0ad3c1-1111-4d3e-9c55-0123456789ab";
    public const string ForgetfulTypeId = "5b0ad3c1-2222-4d3e-9c55-0123456789ab";
    public const string StepId = "6c1be4d2-3333-4e4f-8d66-123456789abc";

    public FixtureSolution()
    {
        Folder = Path.Combine(Path.GetTempPath(), "emu-solution-" + Guid.NewGuid().ToString("N"));
        Write("Other/Solution.xml", """
            <?xml version="1.0" encoding="utf-8"?>
            <ImportExportXml version="9.2.24101.196" SolutionPackageVersion="9.2" languagecode="1033" generatedBy="CrmLive" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
              <SolutionManifest>
                <UniqueName>FixtureSolution</UniqueName>
                <LocalizedNames><LocalizedName description="Fixture" languagecode="1033" /></LocalizedNames>
                <Descriptions />
                <Version>1.2.3.4</Version>
                <Managed>2</Managed>
                <Publisher><UniqueName>fx</UniqueName><CustomizationPrefix>ec</CustomizationPrefix><CustomizationOptionValuePrefix>72700</CustomizationOptionValuePrefix></Publisher>
                <RootComponents />
                <MissingDependencies />
              </SolutionManifest>
            </ImportExportXml>
            """);
        Write("Other/Customizations.xml", """
            <?xml version="1.0" encoding="utf-8"?>
            <ImportExportXml xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
              <Entities /><Roles /><Workflows /><FieldSecurityProfiles /><Templates /><EntityMaps /><EntityRelationships />
              <OrganizationSettings /><optionsets /><CustomControls /><SolutionPluginAssemblies /><SdkMessageProcessingSteps />
              <EntityDataProviders /><Languages><Language>1033</Language></Languages>
            </ImportExportXml>
            """);
        Write("OptionSets/ec_syncoperation.xml", """
            <?xml version="1.0" encoding="utf-8"?>
            <optionset Name="ec_syncoperation" localizedName="Sync Operation" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
              <OptionSetType>picklist</OptionSetType>
              <IsGlobal>1</IsGlobal>
              <options>
                <option value="727000000"><labels><label description="Update recipient" languagecode="1033" /></labels></option>
                <option value="727000001"><labels><label description="Erase" languagecode="1033" /></labels></option>
              </options>
            </optionset>
            """);
        Write("Entities/ec_SyncRequest/Entity.xml", """
            <?xml version="1.0" encoding="utf-8"?>
            <Entity xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
              <Name LocalizedName="Sync Request" OriginalName="Sync Request">ec_SyncRequest</Name>
              <EntityInfo>
                <entity Name="ec_SyncRequest">
                  <EntityKeys>
                    <EntityKey>
                      <Name>ec_dedupekey_key</Name>
                      <LogicalName>ec_dedupekey_key</LogicalName>
                      <EntityKeyAttributes><AttributeName>ec_dedupekey</AttributeName></EntityKeyAttributes>
                    </EntityKey>
                  </EntityKeys>
                  <attributes>
                    <attribute PhysicalName="ec_SyncRequestId">
                      <Type>primarykey</Type><Name>ec_syncrequestid</Name><LogicalName>ec_syncrequestid</LogicalName>
                      <ValidForUpdateApi>0</ValidForUpdateApi><ValidForCreateApi>1</ValidForCreateApi>
                    </attribute>
                    <attribute PhysicalName="ec_Name">
                      <Type>nvarchar</Type><Name>ec_name</Name><LogicalName>ec_name</LogicalName>
                      <DisplayMask>PrimaryName|ValidForAdvancedFind|ValidForForm|ValidForGrid|RequiredForForm</DisplayMask>
                      <Format>text</Format><MaxLength>100</MaxLength><Length>200</Length>
                    </attribute>
                    <attribute PhysicalName="ec_DedupeKey">
                      <Type>nvarchar</Type><Name>ec_dedupekey</Name><LogicalName>ec_dedupekey</LogicalName>
                      <Format>text</Format><MaxLength>200</MaxLength>
                    </attribute>
                    <attribute PhysicalName="ec_Attempts">
                      <Type>int</Type><Name>ec_attempts</Name><LogicalName>ec_attempts</LogicalName>
                      <MinValue>0</MinValue><MaxValue>100</MaxValue>
                    </attribute>
                    <attribute PhysicalName="ec_Operation">
                      <Type>picklist</Type><Name>ec_operation</Name><LogicalName>ec_operation</LogicalName>
                      <OptionSetName>ec_syncoperation</OptionSetName>
                    </attribute>
                    <attribute PhysicalName="ec_NextAttempt">
                      <Type>datetime</Type><Name>ec_nextattempt</Name><LogicalName>ec_nextattempt</LogicalName><Format>datetime</Format><Behavior>1</Behavior>
                    </attribute>
                    <attribute PhysicalName="ec_ContactId">
                      <Type>lookup</Type><Name>ec_contactid</Name><LogicalName>ec_contactid</LogicalName><LookupStyle>single</LookupStyle><LookupTypes />
                    </attribute>
                    <attribute PhysicalName="ec_ZAccountId">
                      <Type>lookup</Type><Name>ec_zaccountid</Name><LogicalName>ec_zaccountid</LogicalName><LookupStyle>single</LookupStyle><LookupTypes />
                    </attribute>
                    <attribute PhysicalName="ec_Currency">
                      <Type>lookup</Type><Name>ec_currency</Name><LogicalName>ec_currency</LogicalName><LookupStyle>single</LookupStyle><LookupTypes />
                    </attribute>
                    <attribute PhysicalName="statecode">
                      <Type>state</Type><Name>statecode</Name><LogicalName>statecode</LogicalName>
                      <optionset Name="ec_syncrequest_statecode">
                        <OptionSetType>state</OptionSetType>
                        <states>
                          <state value="0" defaultstatus="1" invariantname="Active"><labels><label description="Active" languagecode="1033" /></labels></state>
                          <state value="1" defaultstatus="2" invariantname="Inactive"><labels><label description="Inactive" languagecode="1033" /></labels></state>
                        </states>
                      </optionset>
                    </attribute>
                    <attribute PhysicalName="statuscode">
                      <Type>status</Type><Name>statuscode</Name><LogicalName>statuscode</LogicalName>
                      <optionset Name="ec_syncrequest_statuscode">
                        <OptionSetType>status</OptionSetType>
                        <statuses>
                          <status value="1" state="0"><labels><label description="Pending" languagecode="1033" /></labels></status>
                          <status value="727000001" state="0"><labels><label description="In progress" languagecode="1033" /></labels></status>
                          <status value="2" state="1"><labels><label description="Done" languagecode="1033" /></labels></status>
                        </statuses>
                      </optionset>
                    </attribute>
                  </attributes>
                  <EntitySetName>ec_syncrequests</EntitySetName>
                  <OwnershipTypeMask>UserOwned</OwnershipTypeMask>
                  <IsActivity>0</IsActivity>
                </entity>
              </EntityInfo>
              <FormXml /><SavedQueries /><RibbonDiffXml />
            </Entity>
            """);
        Write("Entities/ec_ZAccount/Entity.xml", """
            <?xml version="1.0" encoding="utf-8"?>
            <Entity xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
              <Name LocalizedName="Z Account" OriginalName="Z Account">ec_ZAccount</Name>
              <EntityInfo>
                <entity Name="ec_ZAccount">
                  <attributes>
                    <attribute PhysicalName="ec_ZAccountId"><Type>primarykey</Type><Name>ec_zaccountid</Name><LogicalName>ec_zaccountid</LogicalName></attribute>
                    <attribute PhysicalName="ec_Name"><Type>nvarchar</Type><Name>ec_name</Name><LogicalName>ec_name</LogicalName><DisplayMask>PrimaryName</DisplayMask><MaxLength>100</MaxLength></attribute>
                    <attribute PhysicalName="OrganizationId"><Type>lookup</Type><Name>organizationid</Name><LogicalName>organizationid</LogicalName><LookupTypes /></attribute>
                  </attributes>
                  <EntitySetName>ec_zaccounts</EntitySetName>
                  <OwnershipTypeMask>OrgOwned</OwnershipTypeMask>
                </entity>
              </EntityInfo>
              <RibbonDiffXml />
            </Entity>
            """);
        Write("Other/Relationships/ec_ZAccount.xml", """
            <?xml version="1.0" encoding="utf-8"?>
            <EntityRelationships xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
              <EntityRelationship Name="ec_zaccount_ec_syncrequest">
                <EntityRelationshipType>OneToMany</EntityRelationshipType>
                <ReferencingEntityName>ec_SyncRequest</ReferencingEntityName>
                <ReferencedEntityName>ec_ZAccount</ReferencedEntityName>
                <CascadeDelete>Restrict</CascadeDelete>
                <ReferencingAttributeName>ec_ZAccountId</ReferencingAttributeName>
              </EntityRelationship>
            </EntityRelationships>
            """);
        Write("Entities/Contact/Entity.xml", """
            <?xml version="1.0" encoding="utf-8"?>
            <Entity xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
              <Name LocalizedName="Contact" OriginalName="">Contact</Name>
              <EntityInfo>
                <entity Name="Contact">
                  <attributes>
                    <attribute PhysicalName="ec_EmailInvalid">
                      <Type>bit</Type><Name>ec_emailinvalid</Name><LogicalName>ec_emailinvalid</LogicalName>
                    </attribute>
                  </attributes>
                </entity>
              </EntityInfo>
              <FormXml /><SavedQueries /><RibbonDiffXml />
            </Entity>
            """);
        Write("Entities/CampaignActivity/Entity.xml", """
            <?xml version="1.0" encoding="utf-8"?>
            <Entity xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
              <Name LocalizedName="Campaign Activity" OriginalName="">CampaignActivity</Name>
              <EntityInfo>
                <entity Name="CampaignActivity">
                  <attributes>
                    <attribute PhysicalName="ChannelTypeCode">
                      <Type>picklist</Type><Name>channeltypecode</Name><LogicalName>channeltypecode</LogicalName>
                      <optionset Name="campaignactivity_channeltypecode">
                        <OptionSetType>picklist</OptionSetType><IsGlobal>0</IsGlobal>
                        <options><option value="727000000"><labels><label description="Email platform" languagecode="1033" /></labels></option></options>
                      </optionset>
                    </attribute>
                  </attributes>
                </entity>
              </EntityInfo>
              <FormXml /><SavedQueries /><RibbonDiffXml />
            </Entity>
            """);
        Write("Entities/Account/Entity.xml", """
            <?xml version="1.0" encoding="utf-8"?>
            <Entity xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
              <Name LocalizedName="Account" OriginalName="">Account</Name>
              <EntityInfo><entity Name="Account" unmodified="1"><attributes /></entity></EntityInfo>
              <RibbonDiffXml />
            </Entity>
            """);
        Write("Other/Relationships.xml", """
            <?xml version="1.0" encoding="utf-8"?>
            <EntityRelationships xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
              <EntityRelationship Name="ec_contact_ec_syncrequest" />
              <EntityRelationship Name="ec_list_ec_syncrequest" />
            </EntityRelationships>
            """);
        Write("Other/Relationships/Contact.xml", """
            <?xml version="1.0" encoding="utf-8"?>
            <EntityRelationships xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
              <EntityRelationship Name="ec_contact_ec_syncrequest">
                <EntityRelationshipType>OneToMany</EntityRelationshipType>
                <ReferencingEntityName>ec_SyncRequest</ReferencingEntityName>
                <ReferencedEntityName>Contact</ReferencedEntityName>
                <CascadeAssign>NoCascade</CascadeAssign>
                <CascadeDelete>Cascade</CascadeDelete>
                <ReferencingAttributeName>ec_ContactId</ReferencingAttributeName>
                <EntityRelationshipRoles>
                  <EntityRelationshipRole><NavigationPropertyName>ec_ContactId</NavigationPropertyName><RelationshipRoleType>1</RelationshipRoleType></EntityRelationshipRole>
                  <EntityRelationshipRole><NavigationPropertyName>ec_contact_ec_syncrequest</NavigationPropertyName><RelationshipRoleType>0</RelationshipRoleType></EntityRelationshipRole>
                </EntityRelationshipRoles>
              </EntityRelationship>
            </EntityRelationships>
            """);
        Write("Other/Relationships/ec_SyncRequest.xml", """
            <?xml version="1.0" encoding="utf-8"?>
            <EntityRelationships xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
              <EntityRelationship Name="ec_syncrequest_list">
                <EntityRelationshipType>ManyToMany</EntityRelationshipType>
                <FirstEntityName>ec_SyncRequest</FirstEntityName>
                <SecondEntityName>List</SecondEntityName>
                <IntersectEntityName>ec_syncrequest_list</IntersectEntityName>
              </EntityRelationship>
            </EntityRelationships>
            """);
        Write("PluginAssemblies/FixturePlugins-0A1B2C3D-0000-0000-0000-000000000001/FixturePlugins.dll.data.xml", $"""
            <?xml version="1.0" encoding="utf-8"?>
            <PluginAssembly FullName="FixturePlugins, Version=1.0.0.0, Culture=neutral, PublicKeyToken=0123456789abcdef" PluginAssemblyId="0a1b2c3d-0000-0000-0000-000000000001" CustomizationLevel="1" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
              <IsolationMode>2</IsolationMode>
              <SourceType>0</SourceType>
              <IntroducedVersion>1.0</IntroducedVersion>
              <FileName>/PluginAssemblies/FixturePlugins-0A1B2C3D-0000-0000-0000-000000000001/FixturePlugins.dll</FileName>
              <PluginTypes>
                <PluginType AssemblyQualifiedName="{typeof(ConfiguredPlugin).FullName}, FixturePlugins, Version=1.0.0.0, Culture=neutral, PublicKeyToken=0123456789abcdef" PluginTypeId="{PluginTypeId}" Name="{typeof(ConfiguredPlugin).FullName}"><FriendlyName>x</FriendlyName></PluginType>
                <PluginType AssemblyQualifiedName="{typeof(EchoApiPlugin).FullName}, FixturePlugins, Version=1.0.0.0, Culture=neutral, PublicKeyToken=0123456789abcdef" PluginTypeId="{EchoTypeId}" Name="{typeof(EchoApiPlugin).FullName}"><FriendlyName>y</FriendlyName></PluginType>
                <PluginType AssemblyQualifiedName="{typeof(ForgetfulApiPlugin).FullName}, FixturePlugins, Version=1.0.0.0, Culture=neutral, PublicKeyToken=0123456789abcdef" PluginTypeId="{ForgetfulTypeId}" Name="{typeof(ForgetfulApiPlugin).FullName}"><FriendlyName>z</FriendlyName></PluginType>
              </PluginTypes>
            </PluginAssembly>
            """);
        Write($"SdkMessageProcessingSteps/{{{StepId}}}.xml", $$"""
            <?xml version="1.0" encoding="utf-8"?>
            <SdkMessageProcessingStep Name="ConfiguredPlugin: Update of contact" SdkMessageProcessingStepId="{{{StepId}}}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
              <SdkMessageId>20bebb1b-ea3e-db11-86a7-000a3a5473e8</SdkMessageId>
              <PluginTypeName>{{typeof(ConfiguredPlugin).FullName}}, FixturePlugins, Version=1.0.0.0, Culture=neutral, PublicKeyToken=0123456789abcdef</PluginTypeName>
              <PluginTypeId>{{PluginTypeId}}</PluginTypeId>
              <PrimaryEntity>contact</PrimaryEntity>
              <AsyncAutoDelete>0</AsyncAutoDelete>
              <Configuration>unsecure-setting</Configuration>
              <Description>fixture</Description>
              <FilteringAttributes>emailaddress1,ec_emailinvalid</FilteringAttributes>
              <InvocationSource>0</InvocationSource>
              <Mode>0</Mode>
              <Rank>1</Rank>
              <EventHandlerTypeCode>4602</EventHandlerTypeCode>
              <Stage>20</Stage>
              <IsCustomizable>1</IsCustomizable>
              <IsHidden>0</IsHidden>
              <SupportedDeployment>0</SupportedDeployment>
              <IntroducedVersion>1.0</IntroducedVersion>
              <SdkMessageProcessingStepImages>
                <SdkMessageProcessingStepImage Name="PreImage">
                  <SdkMessageProcessingStepImageId>{7d2cf5e3-4444-4f50-9e77-23456789abcd}</SdkMessageProcessingStepImageId>
                  <Attributes>emailaddress1</Attributes>
                  <EntityAlias>PreImage</EntityAlias>
                  <ImageType>0</ImageType>
                  <MessagePropertyName>Target</MessagePropertyName>
                  <IsCustomizable>1</IsCustomizable>
                </SdkMessageProcessingStepImage>
              </SdkMessageProcessingStepImages>
            </SdkMessageProcessingStep>
            """);
        WriteCustomApi("ec_Echo", EchoTypeId, bound: false, [("Text", 10, false), ("Times", 7, true)], [("Echo", 10), ("Length", 7)]);
        WriteCustomApi("ec_Forgetful", ForgetfulTypeId, bound: true, [], [("Result", 10)]);
    }

    public const string EchoTypeId = "5b0ad3c1-3333-4d3e-9c55-0123456789ab";

    public string Folder { get; }

    public void Write(string relativePath, string content)
    {
        var path = Path.Combine(Folder, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }

    public void Dispose()
    {
        if (Directory.Exists(Folder))
            Directory.Delete(Folder, recursive: true);
    }

    private void WriteCustomApi(string name, string pluginTypeId, bool bound, (string Name, int Type, bool Optional)[] parameters, (string Name, int Type)[] properties)
    {
        Write($"customapis/{name}/customapi.xml", $"""
            <customapi uniquename="{name}">
              <allowedcustomprocessingsteptype>2</allowedcustomprocessingsteptype>
              <bindingtype>{(bound ? 1 : 0)}</bindingtype>
              <boundentitylogicalname>{(bound ? "campaignactivity" : string.Empty)}</boundentitylogicalname>
              <description default="{name}"><label description="{name}" languagecode="1033" /></description>
              <displayname default="{name}"><label description="{name}" languagecode="1033" /></displayname>
              <executeprivilegename>prvec_{name}</executeprivilegename>
              <iscustomizable>0</iscustomizable>
              <isfunction>0</isfunction>
              <isprivate>0</isprivate>
              <name>{name}</name>
              <plugintypeid><plugintypeexportkey>{pluginTypeId}</plugintypeexportkey></plugintypeid>
              <workflowsdkstepenabled>0</workflowsdkstepenabled>
            </customapi>
            """);
        foreach (var (parameter, type, optional) in parameters)
        {
            Write($"customapis/{name}/customapirequestparameters/{parameter}/customapirequestparameter.xml", $"""
                <customapirequestparameter uniquename="{parameter}">
                  <displayname default="{parameter}"><label description="{parameter}" languagecode="1033" /></displayname>
                  <iscustomizable>0</iscustomizable>
                  <isoptional>{(optional ? 1 : 0)}</isoptional>
                  <name>{name}.{parameter}</name>
                  <type>{type}</type>
                </customapirequestparameter>
                """);
        }
        foreach (var (property, type) in properties)
        {
            Write($"customapis/{name}/customapiresponseproperties/{property}/customapiresponseproperty.xml", $"""
                <customapiresponseproperty uniquename="{property}">
                  <displayname default="{property}"><label description="{property}" languagecode="1033" /></displayname>
                  <iscustomizable>0</iscustomizable>
                  <name>{name}.{property}</name>
                  <type>{type}</type>
                </customapiresponseproperty>
                """);
        }
    }
}
