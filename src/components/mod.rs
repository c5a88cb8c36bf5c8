//! Reusable view pieces shared by several pages.

pub mod article_card;
pub mod article_meta;
pub mod call_to_action;
pub mod document_body;
pub mod load_state;
pub mod site_footer;
pub mod site_header;
pub mod with_manifest;
