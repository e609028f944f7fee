//! The connector form model: a validate response (`ConfigInfos`) becomes ordered sections of
//! typed fields, merged with the user's values. Pure, so it is tested natively.
