namespace Daftar.People;

/// <summary>The kinds of office in a state's administrative and police hierarchy (DESIGN 2.1).</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<OfficeType>))]
public enum OfficeType
{
    Secretariat = 1,
    Directorate = 2,
    Division = 3,
    District = 4,
    SubDivision = 5,
    Tehsil = 6,
    Block = 7,
    GramPanchayat = 8,
    PoliceHeadquarters = 20,
    PoliceRange = 21,
    DistrictPolice = 22,
    PoliceCircle = 23,
    PoliceStation = 24,
}

[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<ChargeKind>))]
public enum ChargeKind
{
    Primary = 1,
    AdditionalCharge = 2,
}
