namespace EmailConnector.Emulator.Metadata;

/// <summary>
/// The system tables the connector touches, declared from ../shared/reference/dataverse-tables.md ([D] below) and
/// ../shared/notes/dataverse.md §6 ([N6]). Facts that neither source states are marked "unverified" where they are
/// used; where a fact is unknown the column or relationship is left out rather than guessed.
/// </summary>
public static class SystemCatalog
{
    private static readonly string[] Customers = ["account", "contact"];
    private static readonly string[] Members = ["account", "contact", "lead"];

    public static MetadataCatalog Create()
    {
        var catalog = new MetadataCatalog();
        foreach (var table in Tables())
            catalog.AddTable(table);
        AddRelationships(catalog);
        return catalog;
    }

    private static IEnumerable<TableDefinition> Tables()
    {
        yield return Organization();
        yield return BusinessUnit();
        yield return SystemUser();
        yield return Team();
        yield return Account();
        yield return Contact();
        yield return Lead();
        yield return Campaign();
        yield return CampaignItem();
        yield return MarketingList();
        yield return ListMember();
        yield return ActivityPointer();
        yield return ActivityParty();
        yield return CampaignActivity();
        yield return CampaignActivityItem();
        yield return CampaignResponse();
        yield return Email();
        yield return Annotation();
    }

    // organization, businessunit, systemuser and team: names and primary columns are the standard ones; column lengths
    // are unverified (not in dataverse-tables.md). Object type codes 8 (systemuser) and 9 (team) are the owner
    // LookupTypes of a real export (solution-samples A, ownerid).
    private static TableDefinition Organization() =>
        new TableBuilder(new TableDefinition("organization", "organizations", "organizationid", "name") { Ownership = OwnershipType.None })
            .Id("organizationid").String("name", 160).SystemColumns().Table;

    private static TableDefinition BusinessUnit() =>
        new TableBuilder(new TableDefinition("businessunit", "businessunits", "businessunitid", "name") { Ownership = OwnershipType.BusinessOwned })
            .Id("businessunitid").String("name", 160).Lookup("parentbusinessunitid", ["businessunit"]).SystemColumns().Table;

    private static TableDefinition SystemUser() =>
        new TableBuilder(new TableDefinition("systemuser", "systemusers", "systemuserid", "fullname") { ObjectTypeCode = 8, Ownership = OwnershipType.BusinessOwned })
            .Id("systemuserid").String("fullname", 200).String("firstname", 64).String("lastname", 64)
            .String("domainname", 1024).String("internalemailaddress", 100).Bool("isdisabled")
            .Lookup("businessunitid", ["businessunit"]).SystemColumns().Table;

    private static TableDefinition Team() =>
        new TableBuilder(new TableDefinition("team", "teams", "teamid", "name") { ObjectTypeCode = 9, Ownership = OwnershipType.BusinessOwned })
            .Id("teamid").String("name", 160).Lookup("businessunitid", ["businessunit"])
            .SystemColumns().Table;

    private static TableDefinition Account() =>
        new TableBuilder(new TableDefinition("account", "accounts", "accountid", "name") { ObjectTypeCode = 1 })
            .Id("accountid").String("name", 160).String("emailaddress1", 100).String("emailaddress2", 100).String("emailaddress3", 100)
            .Bool("donotbulkemail").Bool("donotemail").Bool("donotsendmm")
            .Picklist("preferredcontactmethodcode", (1, "Any"), (2, "Email"), (3, "Phone"), (4, "Fax"), (5, "Mail"))
            .States(new StateDefinition(0, "Active", 1, [1]), new StateDefinition(1, "Inactive", 2, [2]))
            .Ownership().SystemColumns().Table;

    private static TableDefinition Contact() =>
        new TableBuilder(new TableDefinition("contact", "contacts", "contactid", "fullname") { ObjectTypeCode = 2 })
            .Id("contactid").String("fullname", 160, create: false, update: false).String("firstname", 50).String("lastname", 50)
            .String("emailaddress1", 100).String("emailaddress2", 100).String("emailaddress3", 100)
            .Bool("donotbulkemail").Bool("donotemail").Bool("donotsendmm").Bool("followemail")
            .Picklist("leadsourcecode", (1, "Default Value"))
            .Customer("parentcustomerid", Customers)
            .Picklist("preferredcontactmethodcode", (1, "Any"), (2, "Email"), (3, "Phone"), (4, "Fax"), (5, "Mail"))
            .Date("lastusedincampaign", DateTimeBehavior.DateOnly, create: false)
            .States(new StateDefinition(0, "Active", 1, [1]), new StateDefinition(1, "Inactive", 2, [2]))
            .Ownership().SystemColumns().Table;

    private static TableDefinition Lead() =>
        new TableBuilder(new TableDefinition("lead", "leads", "leadid", "fullname") { ObjectTypeCode = 4 })
            .Id("leadid").String("fullname", 160, create: false, update: false).String("subject", 300)
            .String("firstname", 50).String("lastname", 50).String("companyname", 100)
            .String("emailaddress1", 100).String("emailaddress2", 100).String("emailaddress3", 100)
            .Bool("donotbulkemail").Bool("donotemail").Bool("donotsendmm")
            .Picklist("leadsourcecode", (1, "Advertisement"), (2, "Employee Referral"), (3, "External Referral"), (4, "Partner"),
                (5, "Public Relations"), (6, "Seminar"), (7, "Trade Show"), (8, "Web"), (9, "Word of Mouth"), (10, "Other"))
            .Picklist("leadqualitycode", (1, "Hot"), (2, "Warm"), (3, "Cold"))
            .Picklist("preferredcontactmethodcode", (1, "Any"), (2, "Email"), (3, "Phone"), (4, "Fax"), (5, "Mail"))
            .Lookup("campaignid", ["campaign"])
            .Lookup("relatedobjectid", ["campaignresponse"], update: false)
            .States(new StateDefinition(0, "Open", 1, [1, 2]), new StateDefinition(1, "Qualified", 3, [3]),
                new StateDefinition(2, "Disqualified", 4, [4, 5, 6, 7]))
            .Ownership().SystemColumns().Table;

    private static TableDefinition Campaign() =>
        new TableBuilder(new TableDefinition("campaign", "campaigns", "campaignid", "name") { ObjectTypeCode = 4400 })
            .Id("campaignid").String("name", 128).String("codename", 32, update: false)
            .Picklist("typecode", (1, "Advertisement"), (2, "Direct Marketing"), (3, "Event"), (4, "Co-branding"), (5, "Other"))
            .Bool("istemplate", update: false).String("message", 256).Memo("description", 2000).Memo("objective", 2000)
            .String("promotioncodename", 128)
            .Date("proposedstart", DateTimeBehavior.DateOnly).Date("proposedend", DateTimeBehavior.DateOnly)
            .Date("actualstart", DateTimeBehavior.DateOnly).Date("actualend", DateTimeBehavior.DateOnly)
            .Money("budgetedcost").Money("totalactualcost")
            .States(new StateDefinition(0, "Active", 0, [0, 1, 2, 3, 4, 5]), new StateDefinition(1, "Inactive", 6, [6]))
            .Ownership().SystemColumns().Table;

    // Intersect of campaignlist_association. Unverified: the table's columns are not in dataverse-tables.md; entityid
    // is kept as a plain id, like campaignactivityitem.itemid.
    private static TableDefinition CampaignItem() =>
        new TableBuilder(new TableDefinition("campaignitem", "campaignitems", "campaignitemid", null) { Ownership = OwnershipType.None, SupportsUpdate = false })
            .Id("campaignitemid").Lookup("campaignid", ["campaign"], update: false)
            .Id("entityid").EntityName("entitytype", update: false).SystemColumns().Table;

    private static TableDefinition MarketingList() =>
        new TableBuilder(new TableDefinition("list", "lists", "listid", "listname") { ObjectTypeCode = 4300 })
            .Id("listid").String("listname", 128)
            .Column(new ColumnDefinition("type", ColumnType.Boolean) { ValidForUpdate = false })
            .PicklistFixed("createdfromcode", [(1, "Account"), (2, "Contact"), (4, "Lead")], update: false)
            .Int("membertype", 0, 1000000000, update: false)
            .Memo("query", 1073741823)
            .Int("membercount", 0, 1000000000, create: false, update: false)
            .Bool("lockstatus").Bool("donotsendonoptout").Bool("ignoreinactivelistmembers")
            .String("purpose", 512).String("source", 128).Memo("description", 2000).Money("cost")
            .Date("lastusedon")
            .States(new StateDefinition(0, "Active", 0, [0]), new StateDefinition(1, "Inactive", 1, [1]))
            .Ownership().SystemColumns().Table;

    private static TableDefinition ListMember() =>
        new TableBuilder(new TableDefinition("listmember", "listmembers", "listmemberid", "name") { ObjectTypeCode = 4301, Ownership = OwnershipType.None, SupportsUpdate = false })
            .Id("listmemberid").Lookup("listid", ["list"]).Lookup("entityid", Members)
            .EntityName("entityidtypecode", create: false, update: false).EntityName("entitytype", create: false, update: false)
            .String("name", 100).SystemColumns().Table;

    // activitypointer is the read-only base view over all activities; the store keeps one row per activity row.
    private static TableDefinition ActivityPointer()
    {
        var builder = new TableBuilder(new TableDefinition("activitypointer", "activitypointers", "activityid", "subject")
        {
            ObjectTypeCode = 4200, SupportsCreate = false, SupportsUpdate = false,
        });
        builder.Id("activityid").EntityName("activitytypecode").String("subject", 800).Memo("description", 1073741823)
            .Lookup("regardingobjectid", ["account", "contact", "lead", "campaign", "campaignactivity", "list"])
            .Date("scheduledstart").Date("scheduledend").Date("actualstart").Date("actualend")
            .Column(new ColumnDefinition("statecode", ColumnType.State) { Options = new Dictionary<int, string> { [0] = "Open", [1] = "Completed", [2] = "Canceled" } })
            .Column(new ColumnDefinition("statuscode", ColumnType.Status))
            .Ownership().SystemColumns();
        return builder.Table;
    }

    private static TableDefinition ActivityParty() =>
        new TableBuilder(new TableDefinition("activityparty", "activityparties", "activitypartyid", "partyidname")
            {
                ObjectTypeCode = 135, Ownership = OwnershipType.None, SupportsCreate = false, SupportsUpdate = false,
            })
            .Id("activitypartyid")
            .Lookup("activityid", ["activitypointer", "email", "campaignactivity", "campaignresponse"])
            .Lookup("partyid", ["account", "contact", "lead", "systemuser", "campaign", "campaignactivity"])
            .EntityName("partyobjecttypecode")
            .Picklist("participationtypemask", (1, "Sender"), (2, "To Recipient"), (3, "CC Recipient"), (4, "BCC Recipient"),
                (5, "Required attendee"), (6, "Optional attendee"), (7, "Organizer"), (8, "Regarding"), (9, "Owner"),
                (10, "Resource"), (11, "Customer"))
            .String("addressused", 200).String("partyidname", 400).Table;

    private static TableBuilder Activity(TableDefinition table, int subjectLength, string[] regardingTargets, bool regardingUpdatable) =>
        new TableBuilder(table)
            .Id("activityid").String("subject", subjectLength).Memo("description", table.LogicalName == "email" ? 1073741823 : 2000)
            .EntityName("activitytypecode", create: false, update: false)
            .Lookup("regardingobjectid", regardingTargets, update: regardingUpdatable)
            .Date("scheduledstart").Date("scheduledend").Date("actualstart").Date("actualend");

    private static TableDefinition CampaignActivity() =>
        Activity(new TableDefinition("campaignactivity", "campaignactivities", "activityid", "subject") { ObjectTypeCode = 4402, IsActivity = true },
                200, ["campaign"], regardingUpdatable: false)
            .Picklist("channeltypecode", (1, "Phone"), (2, "Appointment"), (3, "Letter"), (4, "Letter via Mail Merge"), (5, "Fax"),
                (6, "Fax via Mail Merge"), (7, "Email"), (8, "Email via Mail Merge"), (9, "Other"))
            .Picklist("typecode", (1, "Research"), (2, "Content Preparation"), (3, "Target Marketing List Creation"),
                (4, "Lead Qualification"), (5, "Content Distribution"), (6, "Direct Initial Contact"),
                (7, "Direct Follow-Up Contact"), (8, "Reminder Distribution"))
            .Picklist("prioritycode", (0, "Low"), (1, "Normal"), (2, "High"))
            .String("category", 250).String("subcategory", 250)
            .Bool("donotsendonoptout").Bool("ignoreinactivelistmembers").Int("excludeifcontactedinxdays", 0, 9999)
            .Money("actualcost").Money("budgetedcost")
            .PartyList("from", 1, "account", "contact", "systemuser")
            .PartyList("to", 2, "account", "contact", "systemuser")
            .States(new StateDefinition(0, "Open", 1, [0, 1, 4, 5, 6]), new StateDefinition(1, "Closed", 2, [2]),
                new StateDefinition(2, "Canceled", 3, [3]))
            .Ownership().SystemColumns().Table;

    private static TableDefinition CampaignActivityItem() =>
        new TableBuilder(new TableDefinition("campaignactivityitem", "campaignactivityitems", "campaignactivityitemid", "name")
            {
                ObjectTypeCode = null, Ownership = OwnershipType.None, SupportsUpdate = false,
            })
            .Id("campaignactivityitemid").Lookup("campaignactivityid", ["campaignactivity"]).Id("itemid")
            .EntityName("itemobjecttypecode").String("name", 100).SystemColumns().Table;

    private static TableDefinition CampaignResponse() =>
        Activity(new TableDefinition("campaignresponse", "campaignresponses", "activityid", "subject") { ObjectTypeCode = 4401, IsActivity = true },
                200, ["campaign"], regardingUpdatable: false)
            .Picklist("responsecode", (1, "Interested"), (2, "Not Interested"), (3, "Do Not Send Marketing Materials"), (4, "Error"))
            .Picklist("channeltypecode", (1, "Email"), (2, "Phone"), (3, "Fax"), (4, "Letter"), (5, "Appointment"), (6, "Others"))
            .Date("receivedon", DateTimeBehavior.DateOnly)
            .Lookup("originatingactivityid", ["email"])
            .String("firstname", 50).String("lastname", 50).String("companyname", 100).String("emailaddress", 100)
            .String("telephone", 50).String("fax", 50).String("promotioncodename", 250)
            .PartyList("customer", 11, Members)
            .PartyList("from", 1, "account", "contact", "systemuser")
            .PartyList("partner", 10, Customers)
            .States(new StateDefinition(0, "Open", 1, [1]), new StateDefinition(1, "Closed", 2, [2]), new StateDefinition(2, "Canceled", 3, [3]))
            .Ownership().SystemColumns().Table;

    // email.subject is Str(200) in the v9.0 page [D]; dataverse.md §6.8 says 800 for current Dataverse. The newer
    // value is kept because the connector writes to current orgs.
    private static TableDefinition Email() =>
        Activity(new TableDefinition("email", "emails", "activityid", "subject") { ObjectTypeCode = 4202, IsActivity = true },
                800, ["account", "campaign", "campaignactivity", "contact", "lead"], regardingUpdatable: true)
            .Bool("directioncode").Date("senton", create: true)
            .String("messageid", 320).String("trackingtoken", 50).String("sender", 250).String("torecipients", 500)
            .PartyList("from", 1, "systemuser", "account", "contact", "lead")
            .PartyList("to", 2, "account", "contact", "lead", "systemuser")
            .PartyList("cc", 3, "account", "contact", "lead", "systemuser")
            .PartyList("bcc", 4, "account", "contact", "lead", "systemuser")
            .States(new StateDefinition(0, "Open", 1, [1, 8]), new StateDefinition(1, "Completed", 2, [2, 3, 4, 6, 7]),
                new StateDefinition(2, "Canceled", 5, [5]))
            .Ownership().SystemColumns().Table;

    private static TableDefinition Annotation() =>
        new TableBuilder(new TableDefinition("annotation", "annotations", "annotationid", "subject") { ObjectTypeCode = 5 })
            .Id("annotationid").String("subject", 500).Memo("notetext", 100000).String("filename", 255).String("mimetype", 256)
            .Memo("documentbody", 1073741823).Bool("isdocument")
            .Int("filesize", create: false, update: false)
            .Lookup("objectid", ["account", "campaign", "campaignactivity", "campaignresponse", "contact", "email", "lead", "list"])
            .EntityName("objecttypecode")
            .Ownership().SystemColumns().Table;

    private static void AddRelationships(MetadataCatalog catalog)
    {
        // Documented names: contact_customer_accounts (dataverse.md §3.8), the regarding navigation properties
        // (§6.2, §6.4, §6.8), email_activity_parties and the <table>_activity_parties pattern (§6.4, §6.9), the
        // objectid_<table> pattern (§6.10) and the N:N names (§6.5). Unverified: the other relationship schema names
        // and every cascade behaviour below.
        catalog.AddRelationship(new OneToManyRelationship("contact_customer_accounts", "account", "accountid", "contact", "parentcustomerid")
        {
            ReferencingNavigationProperty = "parentcustomerid_account", ReferencedNavigationProperty = "contact_customer_accounts",
            CascadeDelete = CascadeType.Cascade,
        });
        catalog.AddRelationship(new OneToManyRelationship("contact_customer_contacts", "contact", "contactid", "contact", "parentcustomerid")
        {
            ReferencingNavigationProperty = "parentcustomerid_contact", ReferencedNavigationProperty = "contact_customer_contacts",
            CascadeDelete = CascadeType.Cascade,
        });
        catalog.AddRelationship(new OneToManyRelationship("campaign_leads", "campaign", "campaignid", "lead", "campaignid")
        {
            ReferencingNavigationProperty = "campaignid", ReferencedNavigationProperty = "campaign_leads",
        });
        catalog.AddRelationship(new OneToManyRelationship("Campaign_CampaignActivities", "campaign", "campaignid", "campaignactivity", "regardingobjectid")
        {
            ReferencingNavigationProperty = "regardingobjectid_campaign_campaignactivity",
            ReferencedNavigationProperty = "Campaign_CampaignActivities", CascadeDelete = CascadeType.Cascade,
        });
        catalog.AddRelationship(new OneToManyRelationship("Campaign_CampaignResponses", "campaign", "campaignid", "campaignresponse", "regardingobjectid")
        {
            ReferencingNavigationProperty = "regardingobjectid_campaign_campaignresponse",
            ReferencedNavigationProperty = "Campaign_CampaignResponses", CascadeDelete = CascadeType.Cascade,
        });
        foreach (var (target, key) in new[] { ("account", "accountid"), ("campaign", "campaignid"), ("campaignactivity", "activityid"), ("contact", "contactid"), ("lead", "leadid") })
        {
            var name = target == "campaignactivity" ? "CampaignActivity" : char.ToUpperInvariant(target[0]) + target[1..];
            catalog.AddRelationship(new OneToManyRelationship($"{name}_Emails", target, key, "email", "regardingobjectid")
            {
                ReferencingNavigationProperty = $"regardingobjectid_{target}_email", ReferencedNavigationProperty = $"{name}_Emails",
            });
        }
        foreach (var activity in new[] { "email", "campaignactivity", "campaignresponse" })
        {
            catalog.AddRelationship(new OneToManyRelationship($"{activity}_activity_parties", activity, "activityid", "activityparty", "activityid")
            {
                ReferencingNavigationProperty = $"activityid_{activity}", ReferencedNavigationProperty = $"{activity}_activity_parties",
                CascadeDelete = CascadeType.Cascade,
            });
        }
        foreach (var (party, key) in new[] { ("account", "accountid"), ("contact", "contactid"), ("lead", "leadid"), ("systemuser", "systemuserid") })
        {
            catalog.AddRelationship(new OneToManyRelationship($"{party}_activity_parties", party, key, "activityparty", "partyid")
            {
                ReferencingNavigationProperty = $"partyid_{party}", ReferencedNavigationProperty = $"{party}_activity_parties",
            });
        }
        foreach (var (parent, key) in new[] { ("account", "accountid"), ("campaign", "campaignid"), ("campaignactivity", "activityid"),
                     ("campaignresponse", "activityid"), ("contact", "contactid"), ("email", "activityid"), ("lead", "leadid"), ("list", "listid") })
        {
            var name = parent switch
            {
                "campaignactivity" => "CampaignActivity",
                "campaignresponse" => "CampaignResponse",
                _ => char.ToUpperInvariant(parent[0]) + parent[1..],
            };
            catalog.AddRelationship(new OneToManyRelationship($"{name}_Annotation", parent, key, "annotation", "objectid")
            {
                ReferencingNavigationProperty = $"objectid_{parent}", ReferencedNavigationProperty = $"{name}_Annotation",
                CascadeDelete = CascadeType.Cascade,
            });
        }

        catalog.AddRelationship(new ManyToManyRelationship("listcontact_association", "list", "listid", "contact", "entityid", "listmember"));
        catalog.AddRelationship(new ManyToManyRelationship("listaccount_association", "list", "listid", "account", "entityid", "listmember"));
        catalog.AddRelationship(new ManyToManyRelationship("listlead_association", "list", "listid", "lead", "entityid", "listmember"));
        catalog.AddRelationship(new ManyToManyRelationship("campaignactivitylist_association", "campaignactivity", "campaignactivityid", "list", "itemid", "campaignactivityitem"));
        catalog.AddRelationship(new ManyToManyRelationship("campaignlist_association", "campaign", "campaignid", "list", "entityid", "campaignitem"));
    }
}
