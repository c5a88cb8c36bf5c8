//! Reusable view pieces shared by several pages.

pub mod article_card;
pub mod article_meta;
pub mod call_to_action;
pub mod code_copy;
pub mod cover;
pub mod document_body;
pub mod filtered_listing;
pub mod host_answer;
pub mod load_state;
pub mod page_meta;
pub mod pagination;
pub mod route_focus;
pub mod search_result;
pub mod site_footer;
pub mod site_header;
pub mod site_link;
pub mod site_search;
pub mod table_of_contents;
pub mod theme_toggle;
pub mod with_manifest;
