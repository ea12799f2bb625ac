using Daftar.People;

namespace Daftar.Web.Features.People;

public static class OfficeTypes
{
    /// <summary>The English label of an office type; also its translation key.</summary>
    public static string Label(OfficeType type) => type switch
    {
        OfficeType.Secretariat => "Secretariat",
        OfficeType.Directorate => "Directorate",
        OfficeType.Division => "Division",
        OfficeType.District => "District",
        OfficeType.SubDivision => "Sub-division",
        OfficeType.Tehsil => "Tehsil",
        OfficeType.Block => "Panchayat samiti",
        OfficeType.GramPanchayat => "Gram panchayat",
        OfficeType.PoliceHeadquarters => "Police headquarters",
        OfficeType.PoliceRange => "Police range",
        OfficeType.DistrictPolice => "District police",
        OfficeType.PoliceCircle => "Police circle",
        OfficeType.PoliceStation => "Police station",
        _ => type.ToString(),
    };
}
