using System.Xml;
using System.Xml.Schema;
using EmailConnector.Testing;

namespace EmailConnector.Solution.Tests;

public class CustomizationsSchemaTests
{
    [SkippableTheory]
    [InlineData(false)]
    [InlineData(true)]
    public void PackedCustomizations_ValidateAgainstCustomizationsSolutionXsd(bool managed)
    {
        var schemas = LoadSchemas(SharedReference.PathOf("schemas/CustomizationsSolution.xsd"));

        var errors = new List<string>();
        var settings = new XmlReaderSettings { ValidationType = ValidationType.Schema, Schemas = schemas };
        settings.ValidationFlags |= XmlSchemaValidationFlags.ReportValidationWarnings;
        settings.ValidationEventHandler += (_, e) => errors.Add($"{e.Severity} line {e.Exception.LineNumber}: {e.Message}");
        using (var reader = XmlReader.Create(new MemoryStream(SolutionSource.Packed(managed)["customizations.xml"]), settings))
        {
            while (reader.Read())
            {
            }
        }

        Assert.True(errors.Count == 0, $"{errors.Count} schema error(s):\n" + string.Join("\n", errors.Take(40)));
    }

    [SkippableFact]
    public void Schema_RejectsAnUnknownAttributeType()
    {
        // Proves the validation is live: a wrong <Type> must fail.
        var schemas = LoadSchemas(SharedReference.PathOf("schemas/CustomizationsSolution.xsd"));
        var xml = System.Text.Encoding.UTF8.GetString(SolutionSource.Packed(false)["customizations.xml"]).Replace("<Type>nvarchar</Type>", "<Type>varchar2</Type>");
        var errors = 0;
        var settings = new XmlReaderSettings { ValidationType = ValidationType.Schema, Schemas = schemas };
        settings.ValidationEventHandler += (_, _) => errors++;
        using (var reader = XmlReader.Create(new StringReader(xml), settings))
        {
            while (reader.Read())
            {
            }
        }
        Assert.True(errors > 0);
    }

    /// <summary>Microsoft's 9.x CustomizationsSolution.xsd, loaded unchanged (.NET compiles it as shipped).</summary>
    private static XmlSchemaSet LoadSchemas(string xsdPath)
    {
        var schemas = new XmlSchemaSet { XmlResolver = new XmlUrlResolver() };
        var readerSettings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = new XmlUrlResolver() };
        using (var reader = XmlReader.Create(xsdPath, readerSettings))
            schemas.Add(null, reader);
        schemas.Compile();
        return schemas;
    }
}
