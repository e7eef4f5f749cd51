//! The ten OPP-115 categories (Wilson et al. 2016).

/// One OPP-115 category.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Category {
    FirstPartyCollection,
    ThirdPartySharing,
    UserChoice,
    UserAccess,
    DataRetention,
    DataSecurity,
    PolicyChange,
    DoNotTrack,
    SpecificAudiences,
    Other,
}

impl Category {
    pub const ALL: [Category; 10] = [
        Category::FirstPartyCollection,
        Category::ThirdPartySharing,
        Category::UserChoice,
        Category::UserAccess,
        Category::DataRetention,
        Category::DataSecurity,
        Category::PolicyChange,
        Category::DoNotTrack,
        Category::SpecificAudiences,
        Category::Other,
    ];

    /// The stable id used in the Report and the lexicon files.
    pub fn id(self) -> &'static str {
        match self {
            Category::FirstPartyCollection => "first_party_collection",
            Category::ThirdPartySharing => "third_party_sharing",
            Category::UserChoice => "user_choice",
            Category::UserAccess => "user_access",
            Category::DataRetention => "data_retention",
            Category::DataSecurity => "data_security",
            Category::PolicyChange => "policy_change",
            Category::DoNotTrack => "do_not_track",
            Category::SpecificAudiences => "specific_audiences",
            Category::Other => "other",
        }
    }

    /// The OPP-115 name, as used in the annotations.
    pub fn label(self) -> &'static str {
        match self {
            Category::FirstPartyCollection => "First Party Collection/Use",
            Category::ThirdPartySharing => "Third Party Sharing/Collection",
            Category::UserChoice => "User Choice/Control",
            Category::UserAccess => "User Access, Edit and Deletion",
            Category::DataRetention => "Data Retention",
            Category::DataSecurity => "Data Security",
            Category::PolicyChange => "Policy Change",
            Category::DoNotTrack => "Do Not Track",
            Category::SpecificAudiences => "International and Specific Audiences",
            Category::Other => "Other",
        }
    }

    pub fn index(self) -> usize {
        self as usize
    }

    pub fn from_id(id: &str) -> Option<Category> {
        Category::ALL.into_iter().find(|c| c.id() == id)
    }

    pub fn from_label(label: &str) -> Option<Category> {
        Category::ALL.into_iter().find(|c| c.label() == label)
    }
}
